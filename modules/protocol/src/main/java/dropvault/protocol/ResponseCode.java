package dropvault.protocol;

import java.util.Optional;

/** The response codes of PROTOCOL.md §3. */
public enum ResponseCode {
    REGISTERED(1600),
    REGISTRATION_FAILED(1601),
    KEY_ISSUED(1602),
    FILE_RECEIVED(1603),
    THANKS(1604),
    RECONNECTED(1605),
    RECONNECT_REFUSED(1606),
    GENERAL_ERROR(1607);

    private final int code;

    ResponseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ResponseCode> of(int code) {
        for (ResponseCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
