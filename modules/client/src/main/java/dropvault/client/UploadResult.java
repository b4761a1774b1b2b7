package dropvault.client;

import dropvault.protocol.ClientId;

/**
 * An upload the server confirmed (1604 after 900).
 *
 * @param clientId     the client's id
 * @param session      how the session began
 * @param fileName     the file name sent on the wire
 * @param originalSize plaintext bytes
 * @param contentSize  ciphertext bytes
 * @param cksum        the POSIX cksum of the plaintext, as the server confirmed it
 * @param transfers    how often the file was sent (1 unless a CRC mismatch or an error made it resend)
 */
public record UploadResult(ClientId clientId, SessionStart session, String fileName, long originalSize,
                           long contentSize, long cksum, int transfers) {

    /** How the session began. */
    public enum SessionStart {
        /** 825 → 1600, 826 → 1602: a new client. */
        REGISTERED,
        /** 827 → 1605: a known client. */
        RECONNECTED,
        /** 827 → 1606, then a new registration. */
        REREGISTERED
    }
}
