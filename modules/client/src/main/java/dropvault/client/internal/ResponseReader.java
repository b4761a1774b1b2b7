package dropvault.client.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.MalformedFrameException;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Protocol;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseCode;
import dropvault.protocol.ResponseDecoder;
import dropvault.protocol.ResponseHeader;
import dropvault.protocol.Thanks;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Reads response frames, each payload checked against the size its code carries. Codes the
 * protocol does not define are read (up to a small limit) and returned, for the caller to treat as
 * unexpected. In the seed dialect, a 1604 may declare more than it carries: what arrives within a
 * short grace period is read and the rest is not waited for.
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
        byte[] h = new byte[Protocol.RESPONSE_HEADER_SIZE];
        int n = readFully(h, h.length);
        if (n == 0) {
            throw new ConnectionClosedException("the server closed the connection");
        }
        if (n < h.length) {
            throw new MalformedFrameException("the connection ended after " + n + " of 7 header bytes");
        }
        ResponseHeader header = new ResponseHeader(h[0] & 0xFF, u16(h, 1), u32(h, 3));
        long expected = ResponseDecoder.expectedSize(header.code());
        if (header.code() == ResponseCode.THANKS.code() && tolerantThanks && header.payloadSize() != expected) {
            return new Response(header, readShortThanks(header.payloadSize()));
        }
        if (expected < 0 && header.payloadSize() > MAX_UNKNOWN_PAYLOAD) {
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

    static boolean isUnknown(Response r) {
        return r.payload() instanceof OpaqueResponse;
    }
}
