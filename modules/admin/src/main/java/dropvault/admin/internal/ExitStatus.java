package dropvault.admin.internal;

/** The exit statuses of dropvault-admin; --help lists them. */
public enum ExitStatus {
    OK(0, "done"),
    INTERNAL_ERROR(1, "a bug in dropvault-admin (please report it)"),
    USAGE(2, "bad command line"),
    STORE(3, "the configuration, the data folder or the store cannot be read or written"),
    IN_USE(4, "a server holds the store: a command that changes it was refused (stop the server first)"),
    NO_SUCH_CLIENT(5, "no client has that name or id"),
    DAMAGED(6, "verify found stored files missing, unreadable or not as recorded; restore refused a version"
            + " or a current file that is missing or not as recorded (nothing changed)"),
    NO_SUCH_FILE(7, "restore: the client has no file of that name, or no version of that number"),
    SUSPICIOUS(8, "verify found no damage, but a file was replaced " + ReplacementBursts.COUNT + " times or more"
            + " within " + ReplacementBursts.WINDOW.toMinutes() + " minutes: someone may be uploading in a client's name");

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
}
