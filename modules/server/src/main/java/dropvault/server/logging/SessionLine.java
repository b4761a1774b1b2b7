package dropvault.server.logging;

import java.util.List;

/**
 * The session log line, one a finished connection: logged with {@link #FORMAT} and its fields as
 * parameters, in the order of {@link #FIELDS}, so that a text formatter prints the line and
 * {@link JsonLogFormatter} the fields. One more parameter follows them: the result's kind, a
 * {@code SessionResult} label such as {@code bad_frame}.
 */
public final class SessionLine {
    /** The line as java.util.logging's text formatters print it (a {@link java.text.MessageFormat} pattern). */
    public static final String FORMAT = "session peer={0} client={1} file={2} bytes={3} result={4} last-reply={5} dialect={6}";
    /** The fields, as JSON names them. */
    public static final List<String> FIELDS = List.of("peer", "client", "file", "bytes", "result", "last_reply", "dialect");

    private SessionLine() {
    }
}
