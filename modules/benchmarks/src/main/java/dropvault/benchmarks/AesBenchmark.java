package dropvault.benchmarks;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming AES-256-CBC over 16 MiB in 64 KiB slices of one array, as an upload streams a file:
 * one operation is one MiB, so ops/s reads as MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AesBenchmark {
    static final int MIB = 1 << 20;
    static final int SIZE_MIB = 16;
    static final int CHUNK = 64 * 1024;

    @Param({"jdk", "bouncycastle", "conscrypt", "openssl"})
    public String provider;

    private CryptoSuite suite;
    private byte[] key;
    private byte[] plain;
    private byte[] cipher;
    private byte[] out;

    @Setup
    public void setUp() throws GeneralSecurityException {
        suite = CryptoSuites.forName(provider);
        key = suite.newAesKey();
        plain = new byte[SIZE_MIB * MIB];
        new Random(16).nextBytes(plain);
        cipher = new byte[plain.length + 16];
        AesCbcStream e = suite.encryptor(key);
        int n = e.update(plain, 0, plain.length, cipher, 0);
        e.finish(cipher, n);
        out = new byte[CHUNK + 64];
    }

    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public int encrypt() throws GeneralSecurityException {
        return stream(suite.encryptor(key), plain);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public int decrypt() throws GeneralSecurityException {
        return stream(suite.decryptor(key), cipher);
    }

    private int stream(AesCbcStream s, byte[] input) throws GeneralSecurityException {
        int produced = 0;
        for (int off = 0; off < input.length; off += CHUNK) {
            produced += s.update(input, off, Math.min(CHUNK, input.length - off), out, 0);
        }
        return produced + s.finish(out, 0);
    }
}
