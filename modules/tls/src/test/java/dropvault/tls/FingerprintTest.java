package dropvault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    /**
     * OpenSSL made the certificate and computed the fingerprint, as OpenSSH prints one:
     * {@code openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64}.
     */
    @Test
    void isTheBase64OfTheSha256OfThePublicKeyWithoutPadding() throws Exception {
        X509Certificate c;
        try (InputStream in = FingerprintTest.class.getResourceAsStream("openssl-certificate.pem")) {
            c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertEquals("SHA256:MhmE55Wh+QaJMTd213TRHRVFLgvdsfjBgB3Jp/aWLN0", Fingerprint.of(c));
    }

    @Test
    void parseTakesOnlyTheLoggedForm() {
        String good = "SHA256:MhmE55Wh+QaJMTd213TRHRVFLgvdsfjBgB3Jp/aWLN0";
        assertEquals(good, Fingerprint.parse(" " + good + "\n"));
        for (String bad : new String[] {"MhmE55Wh+QaJMTd213TRHRVFLgvdsfjBgB3Jp/aWLN0", "SHA256:short",
                "SHA1:MhmE55Wh+QaJMTd213TRHRVFLgvdsfjBgB3Jp/aWLN0", good + "=", "sha256:" + good.substring(7)}) {
            assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(bad), bad);
        }
    }
}
