package dropvault.protocol;

/** The payload of a response; each knows its code. */
public sealed interface ResponsePayload
        permits Registered, RegistrationFailed, KeyIssued, FileReceived, Thanks, Reconnected, ReconnectRefused,
        GeneralError, OpaqueResponse {
    int code();
}
