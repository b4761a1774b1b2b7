package dropvault.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a client judges the certificate a server presents, and what it saw: by fingerprint (the one
 * expected, or any on first use, the way OpenSSH treats host keys), or by certificate authorities
 * with the host name checked. One instance serves one handshake; after it, {@link #presented} and
 * {@link #refusal} say what happened, also when the handshake failed because of it.
 */
public final class ServerTrust extends X509ExtendedTrustManager {

    /** Why a certificate was refused. */
    public enum Reason {
        /** Its key's fingerprint is not the one expected. */
        CHANGED,
        /** Outside its validity dates. */
        EXPIRED,
        /** Not issued by a trusted authority, or not for the host name. */
        UNTRUSTED
    }

    /** A refused certificate: why, and a sentence for the user. */
    public record Refusal(Reason reason, String message) {
    }

    private final Optional<String> expected;
    private final X509TrustManager authorities;
    private final String host;
    private volatile X509Certificate presented;
    private volatile Refusal refusal;

    private ServerTrust(Optional<String> expected, X509TrustManager authorities, String host) {
        this.expected = expected;
        this.authorities = authorities;
        this.host = host;
    }

    /**
     * Any certificate within its validity dates whose fingerprint is {@code fingerprint}, or any
     * certificate within its dates at all when empty (first use: the caller records what it saw).
     */
    public static ServerTrust fingerprint(Optional<String> fingerprint) {
        return new ServerTrust(fingerprint.map(Fingerprint::parse), null, null);
    }

    /**
     * Certificates issued by one of the authorities in {@code caFile} (PEM), or by the system's
     * roots when empty, for {@code host}: its DNS name or IP address among the certificate's names.
     */
    public static ServerTrust authorities(Optional<Path> caFile, String host) throws IOException {
        try {
            KeyStore store = null;
            if (caFile.isPresent()) {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> cas;
                try (InputStream in = Files.newInputStream(caFile.get())) {
                    cas = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                            .map(c -> (X509Certificate) c).toList();
                }
                if (cas.isEmpty()) {
                    throw new IOException(caFile.get() + ": no PEM certificate in it");
                }
                for (int i = 0; i < cas.size(); i++) {
                    store.setCertificateEntry("ca" + i, cas.get(i));
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return new ServerTrust(Optional.empty(), x, host);
                }
            }
            throw new IOException("no X.509 trust manager in this JDK");
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile.map(Path::toString).orElse("the system's certificate authorities") + ": "
                    + e.getMessage(), e);
        }
    }

    /** The certificate the server presented, once it did. */
    public Optional<X509Certificate> presented() {
        return Optional.ofNullable(presented);
    }

    /** The fingerprint of {@link #presented}. */
    public Optional<String> presentedFingerprint() {
        return presented().map(Fingerprint::of);
    }

    /** Why the certificate was refused, when it was. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(Reason.UNTRUSTED, "the server presented no certificate");
        }
        X509Certificate own = chain[0];
        presented = own;
        String fingerprint = Fingerprint.of(own);
        if (authorities != null) {
            try {
                authorities.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw refuse(expired(e) ? Reason.EXPIRED : Reason.UNTRUSTED, "the server's certificate (" + fingerprint
                        + ") does not verify" + (expired(e) ? " (outside its validity dates, valid " + own.getNotBefore()
                        .toInstant() + " to " + own.getNotAfter().toInstant() + ")" : "") + ": " + plain(e));
            }
            if (!namesHost(own, host)) {
                throw refuse(Reason.UNTRUSTED, "the server's certificate (" + fingerprint + ") is not for " + host
                        + ": it names " + names(own));
            }
            return;
        }
        try {
            own.checkValidity();
        } catch (CertificateExpiredException e) {
            throw refuse(Reason.EXPIRED, "the server's certificate (" + fingerprint + ") expired on "
                    + own.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw refuse(Reason.EXPIRED, "the server's certificate (" + fingerprint + ") is not valid before "
                    + own.getNotBefore().toInstant());
        }
        if (expected.isPresent() && !expected.get().equals(fingerprint)) {
            throw refuse(Reason.CHANGED, "the server presented " + fingerprint + ", not the expected "
                    + expected.get());
        }
    }

    /** Whether a PKIX failure is about dates: an expired certificate in the chain. */
    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || t instanceof java.security.cert.CertPathValidatorException v
                    && v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's message without the exception class names it quotes. */
    private static String plain(Throwable e) {
        return String.valueOf(e.getMessage()).replaceAll("(?:[a-z]+\\.)+[A-Za-z]*Exception: ", "");
    }

    private CertificateException refuse(Reason reason, String message) {
        refusal = new Refusal(reason, message);
        return new CertificateException(message);
    }

    /** Whether {@code host} (a DNS name or an IP address) is among the certificate's subject alternative names. */
    static boolean namesHost(X509Certificate certificate, String host) {
        boolean ip = isIpAddress(host);
        String h = host.toLowerCase(Locale.ROOT);
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> n : names) {
                int type = (Integer) n.get(0);
                String value = String.valueOf(n.get(1));
                if (ip && type == 7 && sameAddress(value, host)) {
                    return true;
                }
                if (!ip && type == 2 && dnsMatches(value.toLowerCase(Locale.ROOT), h)) {
                    return true;
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.ofLiteral(a).equals(InetAddress.ofLiteral(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isIpAddress(String host) {
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                c.getSubjectAlternativeNames().forEach(n -> out.add(String.valueOf(n.get(1))));
            }
        } catch (CertificateParsingException e) {
            // named below by subject only
        }
        return out.isEmpty() ? "no host names (" + c.getSubjectX500Principal().getName() + ")" : String.join(", ", out);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client's trust manager judges servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities != null ? authorities.getAcceptedIssuers() : new X509Certificate[0];
    }
}
