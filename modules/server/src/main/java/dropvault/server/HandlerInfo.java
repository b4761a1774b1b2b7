package dropvault.server;

/**
 * One request code a server would serve: the handler's class, its module, and where that module
 * was loaded from (a jar's path, or {@code jrt:/NAME} for a module linked into the runtime image).
 */
public record HandlerInfo(int code, String handler, String module, String location) {
}
