package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.server.events.SessionResult;
import dropvault.server.logging.SessionLine;
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
    private SessionResult kind = SessionResult.CLOSED;
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

    void result(SessionResult k, String r) {
        kind = k;
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

    SessionResult kind() {
        return kind;
    }

    /** One line: characters from the wire that could break it (control characters) become '?'. */
    String line() {
        return java.text.MessageFormat.format(SessionLine.FORMAT, parameters());
    }

    /**
     * The parameters of {@link SessionLine#FORMAT}, as strings (a number would be formatted with
     * separators), then the kind of the result; wire text has its control characters as '?'.
     */
    Object[] parameters() {
        return new Object[] {clean(String.valueOf(peer)), client == null ? "-" : client.hex(),
                file == null ? "-" : clean(file), Long.toString(bytes), clean(result),
                lastReply == 0 ? "-" : Integer.toString(lastReply), Dialect.of(dialect).name(), kind.label()};
    }

    private static String clean(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
