package dropvault.crypto.internal;

import dropvault.crypto.CryptoProviderUnavailableException;
import java.security.Provider;

/** The optional providers, looked up only when asked for: their modules may be absent at run time. */
final class Providers {
    private Providers() {
    }

    static Provider bouncyCastle() {
        try {
            return new org.bouncycastle.jce.provider.BouncyCastleProvider();
        } catch (LinkageError e) {
            throw new CryptoProviderUnavailableException("bouncycastle",
                    "module org.bouncycastle.provider (bcprov-jdk18on) is not on the module path", e);
        }
    }

    static Provider conscrypt() {
        try {
            try {
                org.conscrypt.Conscrypt.checkAvailability();
            } catch (UnsatisfiedLinkError e) {
                throw new CryptoProviderUnavailableException("conscrypt",
                        "its native library does not load on this platform", e);
            }
            return org.conscrypt.Conscrypt.newProvider();
        } catch (LinkageError e) {
            throw new CryptoProviderUnavailableException("conscrypt",
                    "module org.conscrypt (conscrypt-openjdk-uber) is not on the module path", e);
        }
    }
}
