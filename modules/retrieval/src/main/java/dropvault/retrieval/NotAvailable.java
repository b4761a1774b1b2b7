package dropvault.retrieval;

import java.util.Objects;

/** The body of {@link RetrievalCodes#NOT_AVAILABLE}: why the file or version asked for cannot be served. */
public record NotAvailable(Reason reason, String name, long version) {

    public enum Reason {
        /** The client has no file of that name. */
        NO_SUCH_FILE(1, "no such file"),
        /** The file has no kept version of that number. */
        NO_SUCH_VERSION(2, "no such version"),
        /** The server holds a record but cannot read its bytes. */
        UNREADABLE(3, "its content cannot be read on the server");

        private final int code;
        private final String text;

        Reason(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Reason of(int code) throws MalformedBodyException {
            for (Reason r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            throw new MalformedBodyException("an unknown reason " + code);
        }
    }

    public NotAvailable {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(name, "name");
    }

    public byte[] encode() {
        return Body.writing(1 + Body.textSize(name) + 4).u8(reason.code).text(name).u32(version).bytes();
    }

    public static NotAvailable decode(byte[] body) throws MalformedBodyException {
        Body b = Body.reading(body);
        Reason reason = Reason.of(b.readU8());
        NotAvailable n = new NotAvailable(reason, b.readText(), b.readU32());
        b.end();
        return n;
    }
}
