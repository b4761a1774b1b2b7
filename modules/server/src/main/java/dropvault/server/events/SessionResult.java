package dropvault.server.events;

import java.util.Locale;

/**
 * What a finished session (one connection) came to: the kinds of the {@code result=} of the session
 * log line, few enough to be a metric's label.
 */
public enum SessionResult {
    /** The last upload was confirmed (900) and stored. */
    STORED,
    /**
     * The connection ended after 1603 with no 900, 901 or 902: the file was kept unconfirmed (or not at all,
     * where its name holds a confirmed file).
     */
    UNCONFIRMED,
    /** The client asked to send the file again (901) and ended the connection before it did. */
    RESEND,
    /** The client gave up on a mismatched cksum (902). */
    ABANDONED,
    /** The connection ended with an upload unfinished; its temporary file was deleted. */
    DROPPED,
    /** A request was refused with 1607 (a handler said no, a limit, no memory for the frame). */
    REFUSED,
    /** A frame the codec cannot accept (unknown code, bad size, bad version), answered 1607. */
    BAD_FRAME,
    /** A request could not be served for an I/O failure (a file not written, the peer gone). */
    FAILED,
    /** A handler threw: a bug, answered 1607. */
    ERROR,
    /** The peer sent nothing (or too little of a frame) within the idle timeout. */
    IDLE_TIMEOUT,
    /** The peer went away inside a frame, or the connection broke. */
    DISCONNECTED,
    /** The peer closed between frames with no upload pending: registration or key exchange only, or nothing. */
    CLOSED;

    /** The label value: the name in lower case, such as {@code bad_frame}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
