package dropvault.crypto.internal;

import dropvault.crypto.CryptoProviderUnavailableException;
import java.security.Provider;
import java.security.Security;

/**
 * The optional providers, looked up only when asked for: their modules may be absent at run time.
 * Each is touched only from a holder class of its own, so that linking this class never needs
 * them; a missing module shows up as a {@link LinkageError} at the call, and is reported by name.
 */
public final class Providers {
    private Providers() {
    }

    /** Conscrypt if it loads, else the JDK's SunJCE: see {@link dropvault.crypto.CryptoSuites#aeadProvider()}. */
    public static Provider aead() {
        return Aead.PROVIDER;
    }

    private static final class Aead {
        static final Provider PROVIDER = choose();

        private static Provider choose() {
            try {
                return conscrypt();
            } catch (CryptoProviderUnavailableException e) {
                return jdk("SunJCE");
            }
        }
    }

    static Provider jdk(String name) {
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new CryptoProviderUnavailableException("jdk", "the JDK provider " + name + " is not installed", null);
        }
        return p;
    }

    static Provider bouncyCastle() {
        try {
            return BouncyCastle.provider();
        } catch (LinkageError e) {
            throw new CryptoProviderUnavailableException("bouncycastle",
                    "module org.bouncycastle.provider (bcprov-jdk18on) is not on the module path or not resolved"
                            + " (add it with --add-modules org.bouncycastle.provider)", e);
        }
    }

    static Provider conscrypt() {
        try {
            return Conscrypt.provider();
        } catch (UnsatisfiedLinkError e) {
            throw new CryptoProviderUnavailableException("conscrypt",
                    "its native library does not load on this platform", e);
        } catch (LinkageError e) {
            throw new CryptoProviderUnavailableException("conscrypt",
                    "module org.conscrypt (conscrypt-openjdk-uber) is not on the module path or not resolved"
                            + " (add it with --add-modules org.conscrypt)", e);
        }
    }

    private static final class BouncyCastle {
        static Provider provider() {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
    }

    private static final class Conscrypt {
        static Provider provider() {
            org.conscrypt.Conscrypt.checkAvailability();
            return org.conscrypt.Conscrypt.newProvider();
        }
    }
}
