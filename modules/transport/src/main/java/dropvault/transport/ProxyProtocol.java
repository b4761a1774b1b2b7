package dropvault.transport;

import java.util.Locale;

/**
 * Whether connections start with a PROXY protocol header (HAProxy's, versions 1 and 2) that names
 * the client behind a load balancer. When on, the header is required: a connection without a valid
 * one is closed, so that nobody reaching the port directly can claim an address.
 */
public enum ProxyProtocol {
    /** No header: the peer is the socket's remote address (the default). */
    OFF,
    /** The text header of version 1 ({@code send-proxy} in HAProxy). */
    V1,
    /** The binary header of version 2 ({@code send-proxy-v2}). */
    V2,
    /** Either version, told apart by the first bytes. */
    ANY;

    /** {@code off}, {@code v1}, {@code v2} or {@code any}, as configuration spells them. */
    public static ProxyProtocol parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "off", "" -> OFF;
            case "v1" -> V1;
            case "v2" -> V2;
            case "any", "on" -> ANY;
            default -> throw new IllegalArgumentException("not a PROXY protocol setting (off, v1, v2 or any): '"
                    + text + "'");
        };
    }
}
