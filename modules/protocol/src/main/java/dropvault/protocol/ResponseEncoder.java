package dropvault.protocol;

/** Encodes responses to the exact bytes of one frame (header and payload), to be sent in one write. */
public final class ResponseEncoder {
    private ResponseEncoder() {
    }

    public static byte[] encode(ResponsePayload payload) {
        int size = payloadSize(payload);
        byte[] b = new byte[Protocol.RESPONSE_HEADER_SIZE + size];
        b[0] = Protocol.VERSION;
        LittleEndian.putU16(b, 1, payload.code());
        LittleEndian.putU32(b, 3, size);
        int o = Protocol.RESPONSE_HEADER_SIZE;
        switch (payload) {
            case Registered r -> r.clientId().writeTo(b, o);
            case Thanks r -> r.clientId().writeTo(b, o);
            case ReconnectRefused r -> r.clientId().writeTo(b, o);
            case KeyIssued k -> {
                k.clientId().writeTo(b, o);
                System.arraycopy(k.wrappedKey(), 0, b, o + Protocol.CLIENT_ID_SIZE, k.wrappedKey().length);
            }
            case Reconnected k -> {
                k.clientId().writeTo(b, o);
                System.arraycopy(k.wrappedKey(), 0, b, o + Protocol.CLIENT_ID_SIZE, k.wrappedKey().length);
            }
            case FileReceived f -> {
                f.clientId().writeTo(b, o);
                LittleEndian.putU32(b, o + 16, f.contentSize());
                f.fileName().writeTo(b, o + 20);
                LittleEndian.putU32(b, o + 20 + Protocol.NAME_SIZE, f.cksum());
            }
            case OpaqueResponse r -> r.writeTo(b, o);
            case RegistrationFailed r -> { }
            case GeneralError e -> { }
        }
        return b;
    }

    private static int payloadSize(ResponsePayload payload) {
        return switch (payload) {
            case Registered r -> Protocol.CLIENT_ID_SIZE;
            case Thanks r -> Protocol.CLIENT_ID_SIZE;
            case ReconnectRefused r -> Protocol.CLIENT_ID_SIZE;
            case KeyIssued k -> Protocol.CLIENT_ID_SIZE + k.wrappedKey().length;
            case Reconnected k -> Protocol.CLIENT_ID_SIZE + k.wrappedKey().length;
            case FileReceived f -> Protocol.CLIENT_ID_SIZE + 4 + Protocol.NAME_SIZE + 4;
            case OpaqueResponse r -> r.length();
            case RegistrationFailed r -> 0;
            case GeneralError e -> 0;
        };
    }
}
