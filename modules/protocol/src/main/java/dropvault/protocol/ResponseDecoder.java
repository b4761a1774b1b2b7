package dropvault.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads response frames from a stream (the client's side). Each code's payload size is checked
 * against what the code carries before anything is allocated; codes the protocol does not define
 * are read as {@link OpaqueResponse} up to {@code maxOpaquePayload} bytes.
 *
 * <p>1604 is read in every dialect of PROTOCOL.md §8: 16 bytes as the text says, 0 bytes, or a
 * declared size of up to 255 bytes of which the server sends only the first 16 (then only those
 * 16 are read).
 */
public final class ResponseDecoder {
    private final InputStream in;
    private final int maxOpaquePayload;
    private final byte[] header = new byte[Protocol.RESPONSE_HEADER_SIZE];

    public ResponseDecoder(InputStream in) {
        this(in, 0);
    }

    public ResponseDecoder(InputStream in, int maxOpaquePayload) {
        if (maxOpaquePayload < 0) {
            throw new IllegalArgumentException("negative maxOpaquePayload " + maxOpaquePayload);
        }
        this.in = Objects.requireNonNull(in);
        this.maxOpaquePayload = maxOpaquePayload;
    }

    /** The next response, or empty when the stream ends cleanly between frames. */
    public Optional<Response> read() throws IOException {
        Optional<ResponseHeader> h = readHeader();
        if (h.isEmpty()) {
            return Optional.empty();
        }
        if (h.get().code() == ResponseCode.THANKS.code() && h.get().payloadSize() > Protocol.CLIENT_ID_SIZE) {
            return Optional.of(new Response(h.get(), overDeclaredThanks(h.get())));
        }
        byte[] payload = new byte[(int) h.get().payloadSize()];
        FrameIo.readExactly(in, payload, payload.length, "the payload of " + h.get().code());
        return Optional.of(new Response(h.get(), decodePayload(h.get().code(), payload)));
    }

    /**
     * A 1604 that declares more than its 16 bytes. Only the client id is read: such servers send
     * just those 16 and may keep the connection open, and nothing follows 1604 in a conversation.
     */
    private Thanks overDeclaredThanks(ResponseHeader h) throws IOException {
        byte[] id = new byte[Protocol.CLIENT_ID_SIZE];
        FrameIo.readExactly(in, id, id.length, "the client id of 1604");
        return new Thanks(ClientId.of(id));
    }

    /** The next header, its size checked; empty when the stream ends before its first byte. */
    public Optional<ResponseHeader> readHeader() throws IOException {
        int n = FrameIo.readFully(in, header, 0, header.length);
        if (n == 0) {
            return Optional.empty();
        }
        if (n < header.length) {
            throw new TruncatedFrameException("stream ended after " + n + " of 7 header bytes");
        }
        ResponseHeader h = new ResponseHeader(header[0] & 0xFF, LittleEndian.u16(header, 1), LittleEndian.u32(header, 3));
        long expected = expectedSize(h.code());
        if (h.code() == ResponseCode.THANKS.code()) {
            boolean inTheWild = h.payloadSize() == 0
                    || (h.payloadSize() >= Protocol.CLIENT_ID_SIZE && h.payloadSize() <= Protocol.NAME_SIZE);
            if (!inTheWild) {
                throw new MalformedFrameException("response 1604 declares " + h.payloadSize()
                        + " payload bytes; it carries 16 (or 0, or at most 255 in the wild)");
            }
        } else if (expected < 0) {
            if (h.payloadSize() > maxOpaquePayload) {
                throw new FrameTooLargeException(h.code(), h.payloadSize(), maxOpaquePayload);
            }
        } else if (h.payloadSize() != expected) {
            throw new MalformedFrameException("response " + h.code() + " declares " + h.payloadSize()
                    + " payload bytes; it carries " + expected);
        }
        return Optional.of(h);
    }

    /** The payload size a response code carries, or -1 for a code the protocol does not define. */
    public static long expectedSize(int code) {
        return ResponseCode.of(code).map(c -> switch (c) {
            case REGISTERED, THANKS, RECONNECT_REFUSED -> (long) Protocol.CLIENT_ID_SIZE;
            case KEY_ISSUED, RECONNECTED -> (long) Protocol.CLIENT_ID_SIZE + Protocol.WRAPPED_KEY_SIZE;
            case FILE_RECEIVED -> (long) Protocol.CLIENT_ID_SIZE + 4 + Protocol.NAME_SIZE + 4;
            case REGISTRATION_FAILED, GENERAL_ERROR -> 0L;
        }).orElse(-1L);
    }

    /** Decodes the payload of a response code whose size has been checked. */
    public static ResponsePayload decodePayload(int code, byte[] p) throws ProtocolException {
        Optional<ResponseCode> known = ResponseCode.of(code);
        if (known.isEmpty()) {
            return new OpaqueResponse(code, p);
        }
        long expected = expectedSize(code);
        if (known.get() == ResponseCode.THANKS && p.length == 0) {
            return new Thanks(ClientId.ZERO);
        }
        if (known.get() == ResponseCode.THANKS && p.length > expected && p.length <= Protocol.NAME_SIZE) {
            return new Thanks(ClientId.of(p, 0));
        }
        if (p.length != expected) {
            throw new MalformedFrameException("response " + code + " carries " + expected + " bytes, not " + p.length);
        }
        return switch (known.get()) {
            case REGISTERED -> new Registered(ClientId.of(p, 0));
            case THANKS -> new Thanks(ClientId.of(p, 0));
            case RECONNECT_REFUSED -> new ReconnectRefused(ClientId.of(p, 0));
            case KEY_ISSUED -> new KeyIssued(ClientId.of(p, 0), Arrays.copyOfRange(p, 16, p.length));
            case RECONNECTED -> new Reconnected(ClientId.of(p, 0), Arrays.copyOfRange(p, 16, p.length));
            case FILE_RECEIVED -> new FileReceived(ClientId.of(p, 0), LittleEndian.u32(p, 16), NameField.wrap(p, 20),
                    LittleEndian.u32(p, 20 + Protocol.NAME_SIZE));
            case REGISTRATION_FAILED -> new RegistrationFailed();
            case GENERAL_ERROR -> new GeneralError();
        };
    }
}
