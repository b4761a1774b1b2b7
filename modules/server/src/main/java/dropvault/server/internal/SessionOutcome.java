package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.server.events.SessionResult;
import java.net.SocketAddress;

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
        String line = "session peer=" + peer + " client=" + (client == null ? "-" : client.hex()) + " file="
                + (file == null ? "-" : file) + " bytes=" + bytes + " result=" + result
                + " last-reply=" + (lastReply == 0 ? "-" : Integer.toString(lastReply));
        return CONTROL.matcher(line).replaceAll("?");
    }
}
