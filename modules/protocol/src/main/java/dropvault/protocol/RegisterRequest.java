package dropvault.protocol;

/** 825: register {@code name}. The name is not checked here: an invalid one is answered 1601. */
public record RegisterRequest(NameField name) implements RequestPayload {
}
