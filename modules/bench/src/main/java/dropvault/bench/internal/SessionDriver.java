package dropvault.bench.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RequestCode;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.ResponseCode;
import dropvault.transport.FrameSender;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * One client's sessions: 825 → 1600, 826 → 1602, the 828 packets → 1603 (its cksum checked), 900 →
 * 1604. Reuses its buffers from session to session; not thread-safe.
 */
final class SessionDriver {
    private static final int REQUEST_HEADER = Protocol.REQUEST_HEADER_SIZE;
    private static final int DATA_OFFSET = REQUEST_HEADER + Protocol.PACKET_HEADER_SIZE;
    /** From this many packets a file is sent by a {@link FrameSender}; below, a thread costs more than it saves. */
    private static final int PIPELINE_FROM_PACKETS = 64;

    private final BenchSettings settings;
    private final CryptoSuite crypto;
    private final Plaintext plaintext;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final NameField fileName;
    private final int packet;
    private final int totalPackets;
    private final long contentSize;
    private final byte[] frame;
    /** The second frame of a pipelined upload, made at the first large file. */

    SessionDriver(BenchSettings settings, CryptoSuite crypto, Plaintext plaintext, KeyPool keys, int client) {
        this.settings = settings;
        this.crypto = crypto;
        this.plaintext = plaintext;
        this.privateKey = keys.pair(client).getPrivate();
        this.publicKey = keys.publicKey(client);
        this.fileName = NameField.of("bench-" + plaintext.size() + ".bin");
        this.packet = settings.effectivePacket();
        this.totalPackets = settings.totalPackets();
        this.contentSize = BenchSettings.contentSize(plaintext.size());
        this.frame = new byte[DATA_OFFSET + packet + 32];
    }

    /**
     * One whole session under {@code name}; returns when the server said 1604. On a connection that
     * has registered already (kept from an earlier session), only the upload and 900 are done: a
     * connection speaks for one client.
     */
    void run(Connection c, String name) throws SessionFailure {
        if (c.clientId() == null) {
            register(c, name);
        }
        upload(c, c.clientId(), c.aesKey());
        FileReceived received = (FileReceived) c.expect(828, ResponseCode.FILE_RECEIVED, false);
        check(received, c.clientId());

        c.send(RequestEncoder.encode(c.clientId(), new CrcReport(CrcReport.Verdict.MATCHED, fileName)),
                frameLength(Protocol.NAME_SIZE), RequestCode.CRC_OK.code());
        c.expect(900, ResponseCode.THANKS, settings.dialect().has(dropvault.protocol.DialectFeature.PADDED_PAYLOADS));
    }

    /** 825 and 826: the connection gets its client id and AES key. */
    private void register(Connection c, String name) throws SessionFailure {
        NameField wireName = NameField.of(name);
        c.send(RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(wireName)), frameLength(Protocol.NAME_SIZE),
                RequestCode.REGISTER.code());
        ClientId id = ((Registered) c.expect(825, ResponseCode.REGISTERED, false)).clientId();

        c.send(RequestEncoder.encode(id, new PublicKeyRequest(wireName, publicKey)),
                frameLength(Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE), RequestCode.PUBLIC_KEY.code());
        KeyIssued issued = (KeyIssued) c.expect(826, ResponseCode.KEY_ISSUED, false);
        if (!issued.clientId().equals(id)) {
            throw new SessionFailure("1602 for another client id", issued.clientId() + " instead of " + id);
        }
        byte[] aesKey;
        try {
            aesKey = crypto.unwrapKey(privateKey, issued.wrappedKey());
        } catch (GeneralSecurityException e) {
            throw new SessionFailure("the AES key in 1602 does not unwrap", e.toString(), e);
        }
        c.registered(id, aesKey);
    }

    private static int frameLength(int payload) {
        return REQUEST_HEADER + payload;
    }

    private void check(FileReceived r, ClientId id) throws SessionFailure {
        if (!r.clientId().equals(id)) {
            throw new SessionFailure("1603 for another client id", r.clientId() + " instead of " + id);
        }
        if (r.contentSize() != contentSize) {
            throw new SessionFailure("1603 with a wrong content size", r.contentSize() + " instead of " + contentSize);
        }
        if (!r.fileName().equals(fileName)) {
            throw new SessionFailure("1603 does not echo the file name", "'" + r.fileName() + "'");
        }
        if (r.cksum() != plaintext.cksum()) {
            throw new SessionFailure("cksum mismatch", r.cksum() + " instead of " + plaintext.cksum());
        }
    }

    private void upload(Connection c, ClientId id, byte[] aesKey) throws SessionFailure {
        AesCbcStream encryptor;
        try {
            encryptor = crypto.encryptor(aesKey);
        } catch (InvalidKeyException e) {
            throw new SessionFailure("the AES key in 1602 is not 32 bytes", e.getMessage(), e);
        }
        writeFixedFields(frame, id);
        if (totalPackets < PIPELINE_FROM_PACKETS) {
            for (int k = 0; k < totalPackets; k++) {
                c.send(frame, fill(frame, encryptor, k), RequestCode.FILE_PACKET.code());
            }
            return;
        }
        // frames sent on a thread of their own, in batches, while the next ones are encrypted
        try (FrameSender<byte[]> sender = new FrameSender<>((f, n) -> sendFrame(c, f, n), () -> {
            byte[] f = new byte[frame.length];
            writeFixedFields(f, id);
            return f;
        }, frame.length, "bench-sender")) {
            for (int k = 0; k < totalPackets; k++) {
                byte[] next = sender.nextFrame();
                sender.send(next, fill(next, encryptor, k));
            }
            sender.finish();
        } catch (IOException e) {
            throw e.getCause() instanceof SessionFailure f ? f
                    : new SessionFailure("send of 828 failed", e.toString(), e);
        }
    }

    /** FrameSender's output: a failed send comes back from it as the cause of an IOException. */
    private static void sendFrame(Connection c, byte[] frame, int length) throws IOException {
        try {
            c.send(frame, length, RequestCode.FILE_PACKET.code());
        } catch (SessionFailure e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Puts packet {@code k} (0-based) into {@code target}; returns the frame's length. */
    private int fill(byte[] target, AesCbcStream encryptor, int k) {
        boolean padded = settings.dialect().has(dropvault.protocol.DialectFeature.PADDED_PAYLOADS);
        boolean fromZero = settings.dialect().has(dropvault.protocol.DialectFeature.FROM_ZERO);
        boolean swapped = settings.dialect().has(dropvault.protocol.DialectFeature.SWAPPED);
        long offset = (long) k * packet;
        int data = encrypt(target, encryptor, offset, k == totalPackets - 1);
        int payload = Protocol.PACKET_HEADER_SIZE + data;
        if (padded) {
            Arrays.fill(target, DATA_OFFSET + data, DATA_OFFSET + packet, (byte) 0);
            payload = Protocol.PADDED_PACKET_PAYLOAD;
        }
        Wire.putU32(target, 19, payload);
        Wire.putU16(target, REQUEST_HEADER + (swapped ? 10 : 8), fromZero ? k : k + 1);
        Wire.putU16(target, REQUEST_HEADER + (swapped ? 8 : 10), totalPackets);
        return REQUEST_HEADER + payload;
    }

    /** Encrypts the packet's plaintext into {@code target}; returns its ciphertext bytes. */
    private int encrypt(byte[] target, AesCbcStream encryptor, long offset, boolean last) {
        int len = (int) Math.min(packet, plaintext.size() - offset);
        int n = plaintext.encrypt(offset, len, encryptor, target, DATA_OFFSET);
        if (last) {
            try {
                n += encryptor.finish(target, DATA_OFFSET + n);
            } catch (javax.crypto.BadPaddingException e) {
                throw new IllegalStateException("encryption cannot fail on padding", e);
            }
        }
        long expected = last ? contentSize - offset : packet;
        if (n != expected) {
            throw new IllegalStateException("AES-CBC gave " + n + " bytes for a packet of " + expected);
        }
        return n;
    }

    /** The header and packet fields that are the same in every packet of the file. */
    private void writeFixedFields(byte[] frame, ClientId id) {
        System.arraycopy(id.toBytes(), 0, frame, 0, Protocol.CLIENT_ID_SIZE);
        frame[16] = Protocol.VERSION;
        Wire.putU16(frame, 17, RequestCode.FILE_PACKET.code());
        Wire.putU32(frame, REQUEST_HEADER, contentSize);
        Wire.putU32(frame, REQUEST_HEADER + 4, plaintext.size());
        Wire.putU16(frame, REQUEST_HEADER + 10, totalPackets);
        System.arraycopy(fileName.toBytes(), 0, frame, REQUEST_HEADER + 12, Protocol.NAME_SIZE);
    }
}
