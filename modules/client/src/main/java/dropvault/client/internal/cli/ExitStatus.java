package dropvault.client.internal.cli;

import dropvault.client.UploadException;

/** The exit statuses of dropvault-client, one per class of outcome; --help lists them. */
public enum ExitStatus {
    OK(0, "done: the server confirmed every file sent (1604 after 900), or listed, sent back or restored"),
    INTERNAL_ERROR(1, "a bug in the client (please report it)"),
    USAGE(2, "bad command line"),
    LOCAL_FILE(3, "a local file (transfer.info, me.info, priv.key, the file) is unreadable or unwritable"),
    CONNECTION(4, "the server cannot be reached or the connection broke"),
    SERVER_ERROR(5, "the server refused or kept answering with errors"),
    CRC_FAILURE(6, "the server's cksum did not match after three resends (902 sent)"),
    SERVER_IDENTITY(7, "TLS: the server's certificate is not the one expected (another fingerprint than servers.info"
            + " or --tls-fingerprint, expired, or not verified by --tls-ca); nothing was sent"),
    NO_RETRIEVAL(8, "list, get, restore: this server cannot list or send files back (no retrieval extension)"),
    NOT_AVAILABLE(9, "get, restore: the server has no such file or version, or cannot read it"),
    DAMAGED(10, "get: the download did not match its size or cksum; nothing was written");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static ExitStatus of(UploadException.Failure failure) {
        return switch (failure) {
            case LOCAL_FILE -> LOCAL_FILE;
            case CONNECTION -> CONNECTION;
            case SERVER -> SERVER_ERROR;
            case CRC_MISMATCH -> CRC_FAILURE;
            case IDENTITY -> SERVER_IDENTITY;
            case NO_RETRIEVAL -> NO_RETRIEVAL;
            case NOT_AVAILABLE -> NOT_AVAILABLE;
            case DAMAGED -> DAMAGED;
        };
    }
}
