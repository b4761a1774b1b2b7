package dropvault.protocol;

/** Encodes requests to the exact bytes of one frame (header and payload), to be sent in one write. */
public final class RequestEncoder {
    private RequestEncoder() {
    }

    public static byte[] encode(ClientId clientId, RequestPayload payload) {
        return encode(clientId, Protocol.VERSION, payload);
    }

    public static byte[] encode(ClientId clientId, int version, RequestPayload payload) {
        int code = codeOf(payload);
        int size = payloadSize(payload);
        byte[] b = new byte[Protocol.REQUEST_HEADER_SIZE + size];
        clientId.writeTo(b, 0);
        b[16] = (byte) version;
        LittleEndian.putU16(b, 17, code);
        LittleEndian.putU32(b, 19, size);
        int o = Protocol.REQUEST_HEADER_SIZE;
        switch (payload) {
            case RegisterRequest r -> r.name().writeTo(b, o);
            case ReconnectRequest r -> r.name().writeTo(b, o);
            case CrcReport r -> r.fileName().writeTo(b, o);
            case PublicKeyRequest r -> {
                r.name().writeTo(b, o);
                System.arraycopy(r.publicKey(), 0, b, o + Protocol.NAME_SIZE, Protocol.PUBLIC_KEY_SIZE);
            }
            case FilePacket f -> {
                LittleEndian.putU32(b, o, f.contentSize());
                LittleEndian.putU32(b, o + 4, f.originalSize());
                LittleEndian.putU16(b, o + (f.swapped() ? 10 : 8), f.packetNumber());
                LittleEndian.putU16(b, o + (f.swapped() ? 8 : 10), f.totalPackets());
                f.fileName().writeTo(b, o + 12);
                f.copyData(0, b, o + Protocol.PACKET_HEADER_SIZE, f.dataLength());
            }
            case OpaquePayload p -> System.arraycopy(p.bytes(), 0, b, o, size);
        }
        return b;
    }

    public static int codeOf(RequestPayload payload) {
        return switch (payload) {
            case RegisterRequest r -> RequestCode.REGISTER.code();
            case PublicKeyRequest r -> RequestCode.PUBLIC_KEY.code();
            case ReconnectRequest r -> RequestCode.RECONNECT.code();
            case FilePacket f -> RequestCode.FILE_PACKET.code();
            case CrcReport r -> r.verdict().code().code();
            case OpaquePayload p -> p.code();
        };
    }

    private static int payloadSize(RequestPayload payload) {
        return switch (payload) {
            case RegisterRequest r -> Protocol.NAME_SIZE;
            case ReconnectRequest r -> Protocol.NAME_SIZE;
            case CrcReport r -> Protocol.NAME_SIZE;
            case PublicKeyRequest r -> Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE;
            case FilePacket f -> Protocol.PACKET_HEADER_SIZE + f.dataLength();
            case OpaquePayload p -> p.bytes().length;
        };
    }
}
