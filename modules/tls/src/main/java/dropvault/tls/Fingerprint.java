package dropvault.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A certificate's identity as OpenSSH prints a key's: {@code SHA256:} and the base64 of the SHA-256
 * of its public key (the SubjectPublicKeyInfo), without padding. Of the key, not of the certificate:
 * a certificate made again for the same key (a new expiry date) keeps its fingerprint.
 */
public final class Fingerprint {
    private static final Pattern FORM = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private Fingerprint() {
    }

    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * {@code text} checked: {@code SHA256:} and 43 base64 characters.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static String parse(String text) {
        String t = text.strip();
        if (!FORM.matcher(t).matches()) {
            throw new IllegalArgumentException("a fingerprint is SHA256: and 43 base64 characters (as the server"
                    + " logs it), not '" + t + "'");
        }
        return t;
    }
}
