package dropvault.client.internal;

import dropvault.client.Dialect;
import dropvault.client.UploadListener;
import dropvault.crypto.AesCbcStream;
import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.RequestEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams one file as 828 packets: reads, encrypts and sends packet by packet, each packet one
 * write. The spec dialect numbers packets from 1 and sends each as long as its data; the seed
 * dialect numbers from 0 and pads every packet to a full chunk.
 */
final class FileSender {
    private final LocalFile file;
    private final PacketPlan plan;
    private final Dialect dialect;
    private final UploadListener listener;
    private int transfers;

    FileSender(LocalFile file, PacketPlan plan, Dialect dialect, UploadListener listener) {
        this.file = file;
        this.plan = plan;
        this.dialect = dialect;
        this.listener = listener;
    }

    /** Sends the whole file once; returns the cksum of the plaintext it read. */
    long send(Connection c, ClientId clientId, AesCbcStream cipher) throws IOException, LocalFileException {
        listener.transferStarted(++transfers, plan.contentSize());
        InputStream in = file.open();
        try {
            return streamPackets(c, clientId, new CiphertextChunks(in, cipher, plan));
        } finally {
            closeQuietly(in);
            listener.transferFinished();
        }
    }

    private long streamPackets(Connection c, ClientId clientId, CiphertextChunks chunks)
            throws IOException, LocalFileException {
        boolean padded = dialect == Dialect.SEED;
        int firstNumber = padded ? 0 : 1;
        byte[] data = new byte[plan.chunkSize()];
        long sent = 0;
        for (int i = 0; i < plan.packets(); i++) {
            int n = chunks.next(data);
            if (n != plan.dataLength(i)) {
                throw new IllegalStateException("packet " + i + " has " + n + " bytes, planned " + plan.dataLength(i));
            }
            byte[] packetData;
            if (padded) {
                Arrays.fill(data, n, data.length, (byte) 0);
                packetData = data;
            } else {
                packetData = n == data.length ? data : Arrays.copyOf(data, n);
            }
            c.send(RequestEncoder.encode(clientId, new FilePacket(plan.contentSize(), plan.originalSize(),
                    firstNumber + i, plan.packets(), file.wireName(), packetData)));
            sent += n;
            listener.progress(sent, plan.contentSize());
        }
        return chunks.cksum();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // a file opened for reading loses nothing when its close fails
        }
    }
}
