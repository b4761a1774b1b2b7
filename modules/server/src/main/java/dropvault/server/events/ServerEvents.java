package dropvault.server.events;

/**
 * What a running server tells an observer (a metrics exporter, a test) as it happens. Called from
 * the connections' threads, concurrently: implementations are thread-safe and return at once. Every
 * method does nothing by default, so an observer overrides what it counts, and the server never
 * depends on who listens. Give one to {@code Server.Builder.events}.
 */
public interface ServerEvents {
    /** An observer that ignores everything: the default. */
    ServerEvents NONE = new ServerEvents() {
    };

    /** A connection was accepted and is being served. */
    default void connectionOpened() {
    }

    /** A connection ended; {@link #sessionFinished} follows, with what it came to. */
    default void connectionClosed() {
    }

    /** A frame (header and payload) of {@code bytes} bytes was read from a peer. */
    default void bytesReceived(long bytes) {
    }

    /** A request of this code, read whole, is handed to its handler. */
    default void request(int code) {
    }

    /** The server answered with this response code. */
    default void replied(int code) {
    }

    /** An upload began (it holds one of the max.concurrent.uploads permits until {@link #uploadEnded}). */
    default void uploadStarted() {
    }

    /** An upload ended, however it ended. */
    default void uploadEnded() {
    }

    /** A confirmed upload of {@code bytes} plaintext bytes is stored and recorded. */
    default void fileStored(long bytes) {
    }

    /** The store made a change durable: one commit, {@code nanos} long (a commit may hold many changes). */
    default void storeCommitted(long nanos) {
    }

    /** A source address was given a penalty for what it did wrong (docs/SECURITY.md, penalties). */
    default void penaltyImposed() {
    }

    /** A connection was refused at once because its source address is serving a penalty. */
    default void penaltyRefused() {
    }

    /** An older content of a file was kept as a version when a new one replaced it. */
    default void versionKept() {
    }

    /** A session ended; every other event of its connection came before this one. */
    default void sessionFinished(SessionResult result) {
    }
}
