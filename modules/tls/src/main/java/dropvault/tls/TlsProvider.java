package dropvault.tls;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Who speaks TLS: Conscrypt (BoringSSL) where its native library loads, else the JDK's own. Only
 * TLS 1.3 is ever enabled.
 *
 * @param name     {@code conscrypt} or {@code jdk}
 * @param fallback why the JDK's TLS speaks when Conscrypt was wanted (auto) but does not load here
 */
public record TlsProvider(String name, Optional<Provider> provider, Optional<String> fallback) {

    /** The settings {@link #choose} takes. */
    public static final List<String> SETTINGS = List.of("auto", "conscrypt", "jdk");
    /** The system property the client and the tools read (default {@code auto}). */
    public static final String PROPERTY = "dropvault.tls.provider";
    /** The only protocol version dropvault enables. */
    public static final String PROTOCOL = "TLSv1.3";

    /** The provider {@link #PROPERTY} names, {@code auto} when unset. */
    public static TlsProvider fromSystemProperty() {
        return choose(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * {@code auto}: Conscrypt, else the JDK's (with {@link #fallback} saying why); {@code conscrypt}:
     * Conscrypt or an error; {@code jdk}: the JDK's.
     *
     * @throws IllegalArgumentException for another setting, or {@code conscrypt} where it does not load
     */
    public static TlsProvider choose(String setting) {
        return choose(setting, TlsProvider::conscrypt);
    }

    static TlsProvider choose(String setting, Supplier<Provider> conscrypt) {
        String s = setting.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "jdk" -> {
                return new TlsProvider("jdk", Optional.empty(), Optional.empty());
            }
            case "conscrypt", "auto" -> {
                try {
                    return new TlsProvider("conscrypt", Optional.of(conscrypt.get()), Optional.empty());
                } catch (RuntimeException | LinkageError e) {
                    String why = "Conscrypt does not load here (" + e + ")";
                    if (s.equals("conscrypt")) {
                        throw new IllegalArgumentException("tls provider conscrypt: " + why, e);
                    }
                    return new TlsProvider("jdk", Optional.empty(), Optional.of(why + ": the JDK's TLS takes over"));
                }
            }
            default -> throw new IllegalArgumentException("tls provider: expected one of " + SETTINGS + ", not '"
                    + setting + "'");
        }
    }

    private static Provider conscrypt() {
        org.conscrypt.Conscrypt.checkAvailability();
        // engine sockets layer over any socket (a channel's too); the default ones need its file descriptor
        org.conscrypt.Conscrypt.setUseEngineSocketByDefault(true);
        return org.conscrypt.Conscrypt.newProvider();
    }

    /** A fresh TLS 1.3 context of this provider, not yet initialised. */
    public SSLContext newContext() throws GeneralSecurityException {
        return provider.isPresent() ? SSLContext.getInstance(PROTOCOL, provider.get()) : SSLContext.getInstance(PROTOCOL);
    }
}
