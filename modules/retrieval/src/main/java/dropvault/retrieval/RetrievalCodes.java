package dropvault.retrieval;

/** The request and response codes of the retrieval extension (docs/PROTOCOL.md §10), and their sizes. */
public final class RetrievalCodes {
    /** List the client's files and versions. */
    public static final int LIST = 840;
    /** Send a file's content, or one version's. */
    public static final int GET = 841;
    /** Make a version the file's content again. */
    public static final int RESTORE = 842;

    /** A page of the list; the last page says so. */
    public static final int FILES = 1640;
    /** The content follows: its name, version, size, cksum and time. */
    public static final int CONTENT_BEGINS = 1641;
    /** The next piece of the content. */
    public static final int CONTENT_PIECE = 1642;
    /** A version was made current again. */
    public static final int RESTORED = 1643;
    /** No such file or version, or its bytes cannot be read: the connection stays open. */
    public static final int NOT_AVAILABLE = 1644;

    /** Plaintext bytes of one {@link #CONTENT_PIECE}, except the last piece of a content. */
    public static final int PIECE_SIZE = 64 * 1024;
    /** Plaintext bytes of one {@link #FILES} page at most. */
    public static final int PAGE_SIZE = 60 * 1024;
    /** The largest payload of any response of the extension. */
    public static final int MAX_RESPONSE_PAYLOAD = Math.max(PIECE_SIZE, PAGE_SIZE) + SealedChannel.OVERHEAD;
    /** The largest payload of any request of the extension: a name of {@link Body#MAX_TEXT} bytes and a version. */
    public static final int MAX_REQUEST_PAYLOAD = SealedChannel.OVERHEAD + 2 + Body.MAX_TEXT + 4;

    private RetrievalCodes() {
    }

    /** True for the request codes of the extension. */
    public static boolean isRequest(int code) {
        return code == LIST || code == GET || code == RESTORE;
    }

    /** True for the response codes of the extension. */
    public static boolean isResponse(int code) {
        return code >= FILES && code <= NOT_AVAILABLE;
    }
}
