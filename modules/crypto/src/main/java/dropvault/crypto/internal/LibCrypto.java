package dropvault.crypto.internal;

import dropvault.crypto.CryptoProviderUnavailableException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * The EVP cipher calls of the system's OpenSSL {@code libcrypto} (3.x or 1.1), bound with the
 * foreign function API. The update and final calls are <em>critical</em>: they read and write the
 * Java arrays (or native memory) in place, with no copy (a JNI provider such as Conscrypt copies both whole arrays in
 * and out on every call), so each call costs about as little as the AES it runs. The library is
 * looked up once; where it is missing, or does not encrypt a known block right, this says why.
 */
final class LibCrypto {
    /** Library names tried in turn: OpenSSL 3, then 1.1 (the EVP calls used here are the same). */
    private static final List<String> NAMES = List.of("libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib", "libcrypto.so");
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;
    static final Cleaner CLEANER = Cleaner.create();

    private final String library;
    private final MethodHandle ctxNew;
    private final MethodHandle ctxFree;
    private final MethodHandle aes256Cbc;
    private final MethodHandle cipherInit;
    private final MethodHandle cipherUpdate;
    private final MethodHandle cipherFinal;
    private final MethodHandle clearErrors;

    private LibCrypto(String library, SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        Linker.Option inPlace = Linker.Option.critical(true);
        this.library = library;
        this.ctxNew = linker.downcallHandle(find(lookup, "EVP_CIPHER_CTX_new"), FunctionDescriptor.of(ADDRESS));
        this.ctxFree = linker.downcallHandle(find(lookup, "EVP_CIPHER_CTX_free"), FunctionDescriptor.ofVoid(ADDRESS));
        this.aes256Cbc = linker.downcallHandle(find(lookup, "EVP_aes_256_cbc"), FunctionDescriptor.of(ADDRESS));
        // EVP_CipherInit_ex(ctx, cipher, engine, key, iv, enc)
        this.cipherInit = linker.downcallHandle(find(lookup, "EVP_CipherInit_ex"),
                FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, INT), inPlace);
        // EVP_CipherUpdate(ctx, out, &outl, in, inl)
        this.cipherUpdate = linker.downcallHandle(find(lookup, "EVP_CipherUpdate"),
                FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, INT), inPlace);
        // EVP_CipherFinal_ex(ctx, out, &outl)
        this.cipherFinal = linker.downcallHandle(find(lookup, "EVP_CipherFinal_ex"),
                FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS), inPlace);
        this.clearErrors = linker.downcallHandle(find(lookup, "ERR_clear_error"), FunctionDescriptor.ofVoid());
    }

    /** The library, loaded on first use; throws what kept it from loading, each time it is asked for. */
    static LibCrypto get() {
        Object loaded = Holder.LOADED;
        if (loaded instanceof LibCrypto lib) {
            return lib;
        }
        throw new CryptoProviderUnavailableException("openssl", (String) loaded, null);
    }

    /** The file name it was loaded from. */
    String library() {
        return library;
    }

    /** A new EVP_CIPHER_CTX set up for AES-256-CBC with {@code key}, a zero IV and PKCS#7 padding. */
    MemorySegment newContext(byte[] key, boolean encrypt) {
        MemorySegment ctx;
        try {
            ctx = (MemorySegment) ctxNew.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CIPHER_CTX_new failed", t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("EVP_CIPHER_CTX_new: no memory");
        }
        boolean done = false;
        try {
            MemorySegment cipher = (MemorySegment) aes256Cbc.invokeExact();
            int ok = (int) cipherInit.invokeExact(ctx, cipher, MemorySegment.NULL, MemorySegment.ofArray(key),
                    MemorySegment.ofArray(new byte[16]), encrypt ? 1 : 0);
            if (ok != 1) {
                clearErrors();
                throw new IllegalStateException("EVP_CipherInit_ex refused an AES-256 key");
            }
            done = true;
            return ctx;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CipherInit_ex failed", t);
        } finally {
            if (!done) {
                free(ctx);
            }
        }
    }

    /**
     * EVP_CipherUpdate over slices the caller has checked, in a Java array or native memory (a
     * direct buffer's); returns the bytes written, or -1 when it failed.
     */
    int update(MemorySegment ctx, MemorySegment out, int[] outLength, MemorySegment in, int len) {
        try {
            int ok = (int) cipherUpdate.invokeExact(ctx, out, MemorySegment.ofArray(outLength), in, len);
            return ok == 1 ? outLength[0] : -1;
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CipherUpdate failed", t);
        }
    }

    /** EVP_CipherFinal_ex; returns the bytes written, or -1 when the padding (or the length) was wrong. */
    int finish(MemorySegment ctx, MemorySegment out, int[] outLength) {
        try {
            int ok = (int) cipherFinal.invokeExact(ctx, out, MemorySegment.ofArray(outLength));
            return ok == 1 ? outLength[0] : -1;
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CipherFinal_ex failed", t);
        }
    }

    /** Empties this thread's OpenSSL error queue after a call that failed. */
    void clearErrors() {
        try {
            clearErrors.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("ERR_clear_error failed", t);
        }
    }

    /** Frees a context; OpenSSL wipes the key schedule it holds. */
    void free(MemorySegment ctx) {
        try {
            ctxFree.invokeExact(ctx);
        } catch (Throwable t) {
            throw new IllegalStateException("EVP_CIPHER_CTX_free failed", t);
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalArgumentException("it has no " + name));
    }

    /** The library, or why it is not there. */
    private static final class Holder {
        static final Object LOADED = load();

        private static Object load() {
            StringBuilder why = new StringBuilder();
            for (String name : NAMES) {
                try {
                    LibCrypto lib = new LibCrypto(name, SymbolLookup.libraryLookup(name, Arena.global()));
                    String wrong = SelfTest.run(lib);
                    if (wrong == null) {
                        return lib;
                    }
                    why.append(name).append(": ").append(wrong).append("; ");
                } catch (IllegalArgumentException e) {
                    why.append(name).append(": ").append(e.getMessage()).append("; ");
                } catch (IllegalCallerException e) {
                    return "native access is not enabled for module dropvault.crypto"
                            + " (java --enable-native-access=dropvault.crypto)";
                } catch (RuntimeException | LinkageError e) {
                    why.append(name).append(": ").append(e).append("; ");
                }
            }
            return "the system's OpenSSL libcrypto does not load here (" + why.substring(0, why.length() - 2) + ")";
        }
    }

    /** One known answer (FIPS 197's AES-256 key, a zero IV, its plaintext block) before any use. */
    private static final class SelfTest {
        private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        private static final byte[] PLAIN = hex("00112233445566778899aabbccddeeff");
        private static final byte[] CIPHER = hex("8ea2b7ca516745bfeafc49904b496089");

        static String run(LibCrypto lib) {
            MemorySegment ctx = lib.newContext(KEY, true);
            try {
                byte[] out = new byte[48];
                int[] length = new int[1];
                MemorySegment to = MemorySegment.ofArray(out);
                int n = lib.update(ctx, to, length, MemorySegment.ofArray(PLAIN), PLAIN.length);
                int m = lib.finish(ctx, to.asSlice(Math.max(n, 0)), length);
                if (n != 16 || m != 16 || !java.util.Arrays.equals(out, 0, 16, CIPHER, 0, 16)) {
                    return "AES-256 of FIPS 197's block came out wrong";
                }
                return null;
            } finally {
                lib.free(ctx);
            }
        }

        private static byte[] hex(String s) {
            return java.util.HexFormat.of().parseHex(s);
        }
    }
}
