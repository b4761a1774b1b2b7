package dropvault.client.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.Reconnected;
import dropvault.protocol.ResponsePayload;
import java.util.Arrays;
import java.util.Optional;
import dropvault.protocol.MalformedFrameException;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Protocol;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseCode;
import dropvault.protocol.ResponseDecoder;
import dropvault.protocol.ResponseHeader;
import dropvault.protocol.Thanks;
import dropvault.retrieval.RetrievalCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads response frames, each payload checked against the size its code carries. Codes the
 * protocol does not define are read (up to a small limit) and returned, for the caller to treat as
 * unexpected. Every response variant of PROTOCOL.md §8 is read: a 1604 may declare more than it
 * carries (what arrives within a short grace period is read and the rest is not waited for), a 1603
 * may carry its name unpadded, a 1602 or 1605 more than the key, a 1606 nothing or a text, a 1601 a text.
 */
final class ResponseReader {
    static final int MAX_UNKNOWN_PAYLOAD = 4096;

    private final Socket socket;
    private final InputStream in;
    private final boolean tolerantThanks;
    private final int graceMillis;

    ResponseReader(Socket socket, InputStream in, boolean tolerantThanks, int graceMillis) {
        this.socket = socket;
        this.in = in;
        this.tolerantThanks = tolerantThanks;
        this.graceMillis = graceMillis;
    }

    Response read() throws IOException {
        ResponseHeader header = readHeader();
        long expected = ResponseDecoder.expectedSize(header.code());
        if (header.code() == ResponseCode.THANKS.code() && tolerantThanks && header.payloadSize() != expected) {
            return new Response(header, readShortThanks(header.payloadSize()));
        }
        if (expected >= 0 && header.payloadSize() != expected && header.payloadSize() <= MAX_UNKNOWN_PAYLOAD) {
            Optional<ResponsePayload> variant = variant(header);
            if (variant.isPresent()) {
                return new Response(header, variant.get());
            }
        }
        if (expected < 0 && header.payloadSize() > maxUnknownPayload(header.code())) {
            throw new MalformedFrameException("response " + header.code() + " declares " + header.payloadSize() + " bytes");
        }
        if (expected >= 0 && header.payloadSize() != expected) {
            throw new MalformedFrameException("response " + header.code() + " declares " + header.payloadSize()
                    + " payload bytes; it carries " + expected);
        }
        byte[] payload = new byte[(int) header.payloadSize()];
        int got = readFully(payload, payload.length);
        if (got < payload.length) {
            throw new MalformedFrameException("the connection ended after " + got + " of " + payload.length
                    + " payload bytes of " + header.code());
        }
        return new Response(header, ResponseDecoder.decodePayload(header.code(), payload));
    }

    /**
     * The response variants of PROTOCOL.md §8 whose size differs from the text: 1603 with an unpadded
     * name, 1602 and 1605 with more than the key after the id, 1606 with no payload. Empty when the
     * size fits none of them.
     */
    private Optional<ResponsePayload> variant(ResponseHeader header) throws IOException {
        int size = (int) header.payloadSize();
        int code = header.code();
        boolean fits = (code == ResponseCode.FILE_RECEIVED.code() && size >= Protocol.CLIENT_ID_SIZE + 8
                && size < Protocol.CLIENT_ID_SIZE + 8 + Protocol.NAME_SIZE)
                || ((code == ResponseCode.KEY_ISSUED.code() || code == ResponseCode.RECONNECTED.code())
                    && size > Protocol.CLIENT_ID_SIZE + Protocol.WRAPPED_KEY_SIZE)
                || code == ResponseCode.RECONNECT_REFUSED.code() || code == ResponseCode.REGISTRATION_FAILED.code();
        if (!fits) {
            return Optional.empty();
        }
        byte[] p = new byte[size];
        int got = readFully(p, size);
        if (got < size) {
            throw new MalformedFrameException("the connection ended after " + got + " of " + size
                    + " payload bytes of " + code);
        }
        // 1606 empty or with a text explanation (§8): no id offered; 1601's text says nothing the code does not
        if (code == ResponseCode.RECONNECT_REFUSED.code()) {
            return Optional.of(new ReconnectRefused(ClientId.ZERO));
        }
        if (code == ResponseCode.REGISTRATION_FAILED.code()) {
            return Optional.of(new dropvault.protocol.RegistrationFailed());
        }
        ClientId id = ClientId.of(p, 0);
        if (code == ResponseCode.FILE_RECEIVED.code()) {
            byte[] name = Arrays.copyOfRange(p, Protocol.CLIENT_ID_SIZE + 4, size - 4);
            return Optional.of(new FileReceived(id, u32(p, Protocol.CLIENT_ID_SIZE), NameField.padded(name, name.length),
                    u32(p, size - 4)));
        }
        byte[] key = Arrays.copyOfRange(p, Protocol.CLIENT_ID_SIZE, Protocol.CLIENT_ID_SIZE + Protocol.WRAPPED_KEY_SIZE);
        return Optional.of(code == ResponseCode.KEY_ISSUED.code() ? new KeyIssued(id, key) : new Reconnected(id, key));
    }

    /** A 1604 that declares {@code declared} bytes and may carry fewer; its id when 16 bytes arrive. */
    private Thanks readShortThanks(long declared) throws IOException {
        byte[] payload = new byte[(int) Math.min(declared, MAX_UNKNOWN_PAYLOAD)];
        int previous = socket.getSoTimeout();
        int got = 0;
        socket.setSoTimeout(graceMillis);
        try {
            while (got < payload.length) {
                int r = in.read(payload, got, payload.length - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (SocketTimeoutException e) {
            // what arrived within the grace period is all this server sends
        } finally {
            socket.setSoTimeout(previous);
        }
        return new Thanks(got >= Protocol.CLIENT_ID_SIZE ? ClientId.of(payload, 0) : ClientId.ZERO);
    }

    private int readFully(byte[] b, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    private ResponseHeader readHeader() throws IOException {
        byte[] h = new byte[Protocol.RESPONSE_HEADER_SIZE];
        int n = readFully(h, h.length);
        if (n == 0) {
            throw new ConnectionClosedException("the server closed the connection");
        }
        if (n < h.length) {
            throw new MalformedFrameException("the connection ended after " + n + " of 7 header bytes");
        }
        return new ResponseHeader(h[0] & 0xFF, u16(h, 1), u32(h, 3));
    }

    /** A frame read into a caller's buffer: its code and how many payload bytes the buffer holds. */
    record Frame(int code, int length) {
    }

    /**
     * The next frame, its payload read into {@code buffer} (a stream of large answers with no array
     * allocated for each); a payload larger than the buffer is a malformed frame.
     */
    Frame readInto(byte[] buffer) throws IOException {
        ResponseHeader header = readHeader();
        int code = header.code();
        long size = header.payloadSize();
        if (size > buffer.length) {
            throw new MalformedFrameException("response " + code + " declares " + size + " bytes; at most "
                    + buffer.length + " belong here");
        }
        int got = readFully(buffer, (int) size);
        if (got < size) {
            throw new MalformedFrameException("the connection ended after " + got + " of " + size
                    + " payload bytes of " + code);
        }
        return new Frame(code, got);
    }

    /** The most a response of a code outside the course's may carry: the retrieval extension's pieces, else a little. */
    private static long maxUnknownPayload(int code) {
        return RetrievalCodes.isResponse(code) ? RetrievalCodes.MAX_RESPONSE_PAYLOAD : MAX_UNKNOWN_PAYLOAD;
    }

    static boolean isUnknown(Response r) {
        return r.payload() instanceof OpaqueResponse;
    }
}
