package dropvault.benchmarks;

import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FrameLimits;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.Request;
import dropvault.protocol.RequestDecoder;
import dropvault.protocol.RequestEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decoding and encoding one 828 frame of 1024 ciphertext bytes (1314 bytes on the wire). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {
    private final FrameLimits limits = FrameLimits.standard(Protocol.DEFAULT_PACKET_DATA);
    private ClientId id;
    private FilePacket packet;
    private byte[] frame;

    @Setup
    public void setUp() {
        Random r = new Random(828);
        id = ClientId.random(r);
        byte[] data = new byte[Protocol.DEFAULT_PACKET_DATA];
        r.nextBytes(data);
        packet = new FilePacket(2512, 2500, 1, 3, NameField.of("notes.txt"), data);
        frame = RequestEncoder.encode(id, packet);
    }

    @Benchmark
    public Request decode828() throws IOException {
        return new RequestDecoder(new ByteArrayInputStream(frame), limits).read().orElseThrow();
    }

    @Benchmark
    public byte[] encode828() {
        return RequestEncoder.encode(id, packet);
    }
}
