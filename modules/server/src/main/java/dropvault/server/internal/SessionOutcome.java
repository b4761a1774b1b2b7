package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import java.net.SocketAddress;
import java.util.EnumSet;
import java.util.Set;

/** What one connection came to, logged as one line when it ends. */
final class SessionOutcome {
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");
    private final SocketAddress peer;
    private ClientId client;
    private String file;
    private long bytes;
    private String result = "closed";
    private int lastReply;
    private final Set<DialectFeature> dialect = EnumSet.noneOf(DialectFeature.class);

    SessionOutcome(SocketAddress peer) {
        this.peer = peer;
    }

    void client(ClientId id) {
        client = id;
    }

    void file(String name) {
        file = name;
    }

    void bytes(long n) {
        bytes = n;
    }

    void result(String r) {
        result = r;
    }

    /** Notes what the client did differently from the text (PROTOCOL.md §8). */
    void dialect(Set<DialectFeature> features) {
        dialect.addAll(features);
    }

    void replied(int code) {
        lastReply = code;
    }

    String result() {
        return result;
    }

    /** One line: characters from the wire that could break it (control characters) become '?'. */
    String line() {
        String line = "session peer=" + peer + " client=" + (client == null ? "-" : client.hex()) + " file="
                + (file == null ? "-" : file) + " bytes=" + bytes + " result=" + result
                + " last-reply=" + (lastReply == 0 ? "-" : Integer.toString(lastReply))
                + " dialect=" + Dialect.of(dialect).name();
        return CONTROL.matcher(line).replaceAll("?");
    }
}
