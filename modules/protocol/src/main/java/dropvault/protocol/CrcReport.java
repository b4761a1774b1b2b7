package dropvault.protocol;

/** 900, 901 or 902: what the client made of the server's cksum. */
public record CrcReport(Verdict verdict, NameField fileName) implements RequestPayload {

    public enum Verdict {
        /** 900: the cksum matched. */
        MATCHED(RequestCode.CRC_OK),
        /** 901: it did not; the packets come again. */
        RETRY(RequestCode.CRC_RETRY),
        /** 902: it did not for the fourth time; the client gives up. */
        ABORT(RequestCode.CRC_ABORT);

        private final RequestCode code;

        Verdict(RequestCode code) {
            this.code = code;
        }

        public RequestCode code() {
            return code;
        }
    }
}
