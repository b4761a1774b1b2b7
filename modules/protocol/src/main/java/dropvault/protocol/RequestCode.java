package dropvault.protocol;

import java.util.Optional;

/** The request codes of PROTOCOL.md §2. Plugins may serve other codes; those have no constant. */
public enum RequestCode {
    REGISTER(825),
    PUBLIC_KEY(826),
    RECONNECT(827),
    FILE_PACKET(828),
    CRC_OK(900),
    CRC_RETRY(901),
    CRC_ABORT(902);

    private final int code;

    RequestCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RequestCode> of(int code) {
        for (RequestCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
