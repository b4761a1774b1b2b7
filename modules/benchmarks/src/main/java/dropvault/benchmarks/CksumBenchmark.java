package dropvault.benchmarks;

import dropvault.crypto.Cksum;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** cksum over 64 MiB of random bytes: one operation is one MiB, so ops/s reads as MiB/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CksumBenchmark {
    static final int MIB = 1 << 20;
    static final int SIZE_MIB = 64;

    private byte[] data;

    @Setup
    public void setUp() {
        data = new byte[SIZE_MIB * MIB];
        new Random(64).nextBytes(data);
    }

    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public long cksum64MiB() {
        return Cksum.of(data);
    }

    /** As the upload plugin feeds it: one 64 KiB slice after another. */
    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public long cksum64MiBIn64KiBChunks() {
        Cksum c = new Cksum();
        for (int off = 0; off < data.length; off += 64 * 1024) {
            c.update(data, off, 64 * 1024);
        }
        return c.value();
    }

    /** Chunks too small for the CRC32 path: the slicing-by-8 tables alone, for comparison. */
    @Benchmark
    @OperationsPerInvocation(SIZE_MIB)
    public long cksum64MiBIn64ByteChunksTablesOnly() {
        Cksum c = new Cksum();
        for (int off = 0; off < data.length; off += 64) {
            c.update(data, off, 64);
        }
        return c.value();
    }
}
