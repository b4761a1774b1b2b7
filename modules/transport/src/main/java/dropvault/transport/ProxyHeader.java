package dropvault.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one PROXY protocol header (haproxy.org's proxy-protocol.txt, versions 1 and 2) from the
 * start of a connection, and not one byte more: what follows is the protocol's first frame. Gives
 * the client's address, or empty where the header says there is none to give (v1 {@code UNKNOWN},
 * v2 {@code LOCAL} or a family other than TCP over IPv4/IPv6): the caller then keeps the socket's.
 * Anything malformed is a {@link ProxyHeaderException}; a v1 header is at most 107 bytes and a v2
 * header at most {@link #MAX_V2_LENGTH} bytes past its first 16, so a hostile peer cannot make it
 * read much.
 */
public final class ProxyHeader {
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    static final int V1_MAX = 107;
    /** Addresses (36 bytes for IPv6) and room for the TLVs HAProxy may add (unique id, SSL details). */
    public static final int MAX_V2_LENGTH = 1024;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("0|[1-9]\\d{0,4}");

    private ProxyHeader() {
    }

    /** The header of {@code expected} (any version for {@link ProxyProtocol#ANY}); {@link ProxyProtocol#OFF} reads nothing. */
    public static Optional<InetSocketAddress> read(InputStream in, ProxyProtocol expected) throws IOException {
        if (expected == ProxyProtocol.OFF) {
            return Optional.empty();
        }
        int first = readByte(in);
        if (first == V1_PREFIX[0] && expected != ProxyProtocol.V2) {
            return readV1(in);
        }
        if (first == V2_SIGNATURE[0] && expected != ProxyProtocol.V1) {
            return readV2(in);
        }
        throw new ProxyHeaderException("the connection does not start with a PROXY protocol "
                + (expected == ProxyProtocol.ANY ? "" : expected.name().toLowerCase() + " ") + "header");
    }

    private static Optional<InetSocketAddress> readV1(InputStream in) throws IOException {
        byte[] line = new byte[V1_MAX];
        line[0] = V1_PREFIX[0];
        int n = 1;
        while (true) {
            if (n == V1_MAX) {
                throw new ProxyHeaderException("PROXY v1 header longer than " + V1_MAX + " bytes");
            }
            int b = readByte(in);
            line[n++] = (byte) b;
            if (b == '\n') {
                break;
            }
            if (b < 0x20 && b != '\r' || b > 0x7e) {
                throw new ProxyHeaderException("PROXY v1 header with a byte that is not printable ASCII");
            }
        }
        if (n < 2 || line[n - 2] != '\r') {
            throw new ProxyHeaderException("PROXY v1 header not ended by CRLF");
        }
        String text = new String(line, 0, n - 2, StandardCharsets.US_ASCII);
        if (!text.startsWith("PROXY ")) {
            throw new ProxyHeaderException("PROXY v1 header does not start with 'PROXY '");
        }
        String[] f = text.split(" ", -1);
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return Optional.empty();
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            throw new ProxyHeaderException("PROXY v1 header is not 'PROXY TCP4|TCP6 SRC DST SPORT DPORT'");
        }
        boolean v4 = f[1].equals("TCP4");
        InetAddress source = literal(f[2], v4);
        literal(f[3], v4);
        int sourcePort = port(f[4]);
        port(f[5]);
        return Optional.of(new InetSocketAddress(source, sourcePort));
    }

    private static Optional<InetSocketAddress> readV2(InputStream in) throws IOException {
        byte[] head = new byte[16];
        head[0] = V2_SIGNATURE[0];
        readFully(in, head, 1, 15);
        if (!Arrays.equals(head, 0, 12, V2_SIGNATURE, 0, 12)) {
            throw new ProxyHeaderException("PROXY v2 header with a wrong signature");
        }
        int version = (head[12] & 0xF0) >>> 4;
        int command = head[12] & 0x0F;
        if (version != 2 || command > 1) {
            throw new ProxyHeaderException("PROXY v2 header of version " + version + ", command " + command);
        }
        int family = (head[13] & 0xF0) >>> 4;
        int transport = head[13] & 0x0F;
        if (family > 3 || transport > 2) {
            throw new ProxyHeaderException("PROXY v2 header with address family " + family + ", transport "
                    + transport);
        }
        int length = ((head[14] & 0xFF) << 8) | (head[15] & 0xFF);
        if (length > MAX_V2_LENGTH) {
            throw new ProxyHeaderException("PROXY v2 header of " + length + " bytes (at most " + MAX_V2_LENGTH + ")");
        }
        byte[] body = new byte[length];
        readFully(in, body, 0, length);
        int addressBytes = family == 1 ? 4 : family == 2 ? 16 : 0;
        if (addressBytes > 0 && length < 2 * addressBytes + 4) {
            throw new ProxyHeaderException("PROXY v2 header too short for its addresses: " + length + " bytes");
        }
        // LOCAL: the balancer's own connection (a health check); UNSPEC, UNIX or datagrams: no TCP client
        if (command == 0 || addressBytes == 0 || transport != 1) {
            return Optional.empty();
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(body, 0, addressBytes));
        int port = ((body[2 * addressBytes] & 0xFF) << 8) | (body[2 * addressBytes + 1] & 0xFF);
        return Optional.of(new InetSocketAddress(source, port));
    }

    private static InetAddress literal(String text, boolean v4) throws ProxyHeaderException {
        boolean shaped = v4 ? IPV4.matcher(text).matches() : IPV6.matcher(text).matches() && text.contains(":");
        if (!shaped) {
            throw new ProxyHeaderException("PROXY v1 header with a bad " + (v4 ? "IPv4" : "IPv6") + " address");
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new ProxyHeaderException("PROXY v1 header with a bad address");
        }
    }

    private static int port(String text) throws ProxyHeaderException {
        if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 0xFFFF) {
            throw new ProxyHeaderException("PROXY v1 header with a bad port");
        }
        return Integer.parseInt(text);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside its PROXY protocol header");
        }
        return b;
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException("the connection ended inside its PROXY protocol header");
            }
            done += n;
        }
    }
}
