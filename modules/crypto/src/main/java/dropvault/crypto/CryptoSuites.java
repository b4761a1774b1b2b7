package dropvault.crypto;

import dropvault.crypto.internal.JcaCryptoSuite;
import dropvault.crypto.internal.PreferredSuite;
import java.util.List;

/** Where a {@link CryptoSuite} comes from: by provider name, the JDK's, or the fastest one here for encrypting. */
public final class CryptoSuites {

    /** The provider names {@link #forName(String)} takes. */
    public static final List<String> PROVIDERS = JcaCryptoSuite.PROVIDER_NAMES;

    /** Below this many bytes to encrypt, {@link #forEncrypting(long)} gives the JDK's suite. */
    public static final long JDK_BELOW_BYTES = 512L << 10;

    private CryptoSuites() {
    }

    /**
     * The JCA provider for AES-GCM: Conscrypt where its native library loads (BoringSSL's GCM, as fast
     * interpreted as compiled, which a short-lived process is for most of a download), else the JDK's
     * SunJCE (as fast once the JIT has compiled its callers). Looked up once.
     */
    public static java.security.Provider aeadProvider() {
        return dropvault.crypto.internal.Providers.aead();
    }

    /** The JDK's own providers. */
    public static CryptoSuite jdk() {
        return forName("jdk");
    }

    /**
     * The suite backed by the named provider.
     *
     * @throws CryptoProviderUnavailableException when the name is unknown or its provider cannot be loaded
     */
    public static CryptoSuite forName(String provider) {
        return JcaCryptoSuite.create(provider);
    }

    /**
     * The suite to encrypt a stream with: AES-CBC from the first that loads here of the system's
     * OpenSSL (it works in place on direct buffers, so a caller that keeps its data there copies
     * nothing into the Java heap: about 0.4 s of CPU a GiB fewer than Conscrypt, BENCHMARKS.md),
     * Conscrypt (as fast a byte, but each call copies its arrays; its native library is built for
     * x86-64 only) and the JDK's (about half speed until the JIT has compiled its callers, a fifth
     * of a GiB); RSA from the JDK. Chosen on a thread of its own: the caller goes on with its start
     * meanwhile, and waits only when it first needs a stream.
     */
    public static CryptoSuite forEncrypting() {
        return new PreferredSuite(List.of("openssl", "conscrypt"));
    }

    /**
     * The suite for a stream of about {@code bytes}: below {@link #JDK_BELOW_BYTES} the JDK's, which
     * has nothing to load and is done, interpreted, before a native library would be linked (a 1 KiB
     * upload 38 ms sooner than with OpenSSL, BENCHMARKS.md); from there {@link #forEncrypting()}.
     */
    public static CryptoSuite forEncrypting(long bytes) {
        return bytes < JDK_BELOW_BYTES ? jdk() : forEncrypting();
    }
}
