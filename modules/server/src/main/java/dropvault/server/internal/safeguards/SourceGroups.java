package dropvault.server.internal.safeguards;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sources count as one (IPv4 /32 and IPv6 /64 by default) and which are exempt from penalties
 * and per-source limits ({@code limits.exempt}, CIDRs).
 */
public final class SourceGroups {
    /** A source: the first bits of its address, IPv4 addresses in their IPv4-mapped IPv6 form. */
    public record Key(long high, long low) {
    }

    private record Cidr(long high, long low, int bits) {
        boolean contains(Key k) {
            return masked(k.high(), bits) == high && masked(k.low(), bits - 64) == low;
        }
    }

    private final int ipv4Prefix;
    private final int ipv6Prefix;
    private final List<Cidr> exempt;

    /** @throws IllegalArgumentException naming a CIDR that is not one */
    public SourceGroups(int ipv4Prefix, int ipv6Prefix, List<String> exemptCidrs) {
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : exemptCidrs) {
            cidrs.add(parse(text));
        }
        this.exempt = List.copyOf(cidrs);
    }

    public boolean exempt(InetAddress source) {
        if (exempt.isEmpty()) {
            return false;
        }
        Key full = full(source);
        for (Cidr c : exempt) {
            if (c.contains(full)) {
                return true;
            }
        }
        return false;
    }

    /** The group {@code source} belongs to. */
    public Key key(InetAddress source) {
        Key full = full(source);
        int bits = source instanceof Inet4Address ? 96 + ipv4Prefix : ipv6Prefix;
        return new Key(masked(full.high(), bits), masked(full.low(), bits - 64));
    }

    private static Key full(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return new Key(0, 0xFFFF_0000_0000L | (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8
                    | (b[3] & 0xFFL));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (b[i] & 0xFF);
            low = low << 8 | (b[i + 8] & 0xFF);
        }
        return new Key(high, low);
    }

    /** {@code value} with only its first {@code bits} bits (of 64) kept: all for 64 and more, none for 0 or less. */
    private static long masked(long value, int bits) {
        if (bits >= 64) {
            return value;
        }
        if (bits <= 0) {
            return 0;
        }
        return value & (-1L << (64 - bits));
    }

    private static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("limits.exempt: '" + text + "' is not a CIDR (a numeric address)");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("limits.exempt: '" + text + "' is not a CIDR", e);
        }
        boolean v4 = a instanceof Inet4Address;
        int max = v4 ? 32 : 128;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limits.exempt: '" + text + "' has no prefix length after /", e);
        }
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("limits.exempt: '" + text + "' has a prefix longer than " + max);
        }
        int of128 = v4 ? 96 + bits : bits;
        Key k = full(a);
        return new Cidr(masked(k.high(), of128), masked(k.low(), of128 - 64), of128);
    }
}
