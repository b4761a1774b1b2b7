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
 * Encryption as the client calls it: one packet's data a call, from a read block of 16 KiB (or one
 * packet, if larger) into a frame of its own (the 267-byte header, the data, 32 bytes of room).
 * A JNI provider copies both whole arrays on every call; the OpenSSL suite reads and writes them in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AesPacketBenchmark {
    static final int MIB = 1 << 20;
    static final int SIZE_MIB = 16;
    static final int HEADER = 267;

    @Param({"conscrypt", "openssl", "jdk"})
    public String provider;

    /** The client's packets for 16 MiB, 256 MiB and 1 GiB files (PROTOCOL.md §2). */
    @Param({"1024", "4112", "16400"})
    public int packet;

    private CryptoSuite suite;
    private byte[] key;
    private byte[] block;
    private byte[] frame;

    @Setup
    public void setUp() {
        suite = CryptoSuites.forName(provider);
        key = suite.newAesKey();
        block = new byte[Math.max(16 * 1024 / packet, 1) * packet];
        new Random(16).nextBytes(block);
        frame = new byte[HEADER + packet + 32];
    }

    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public int encryptPackets() throws GeneralSecurityException {
        AesCbcStream e = suite.encryptor(key);
        int produced = 0;
        for (long done = 0; done < (long) SIZE_MIB * MIB; done += packet) {
            int at = (int) (done % block.length);
            produced += e.update(block, at, packet, frame, HEADER);
        }
        return produced + e.finish(frame, HEADER);
    }
}
