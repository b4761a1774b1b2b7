package dropvault.protocol;

/** The decoded payload of a request; one record per request kind. */
public sealed interface RequestPayload
        permits RegisterRequest, PublicKeyRequest, ReconnectRequest, FilePacket, CrcReport, OpaquePayload {
}
