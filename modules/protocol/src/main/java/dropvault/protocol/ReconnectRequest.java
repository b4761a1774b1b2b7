package dropvault.protocol;

/** 827: reconnect as {@code name}; the header carries the stored client id. */
public record ReconnectRequest(NameField name) implements RequestPayload {
}
