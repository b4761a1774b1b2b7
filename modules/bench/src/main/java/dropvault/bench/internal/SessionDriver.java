package dropvault.bench.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import dropvault.protocol.PacketFrame;
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

/**
 * One client's sessions: 825 → 1600, 826 → 1602, the 828 packets → 1603 (its cksum checked), 900 →
 * 1604. Reuses its buffers from session to session; not thread-safe.
 */
final class SessionDriver {
    private static final int REQUEST_HEADER = Protocol.REQUEST_HEADER_SIZE;
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
    private final java.util.List<PacketFrame> heapFrames = new java.util.ArrayList<>();
    private final java.util.List<PacketFrame> directFrames = new java.util.ArrayList<>();

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
        // a cipher that works in place on native memory writes into direct frames, which the socket takes as they are
        boolean direct = encryptor.inPlaceOnDirectBuffers();
        if (totalPackets < PIPELINE_FROM_PACKETS) {
            PacketFrame frame = frames(direct, 1).getFirst().forClient(id);
            for (int k = 0; k < totalPackets; k++) {
                c.send(frame.buffer(), fill(frame, encryptor, k), RequestCode.FILE_PACKET.code());
            }
            return;
        }
        // frames sent on a thread of their own, in batches, while the next ones are encrypted
        int frameBytes = PacketFrame.DATA_OFFSET + packet;
        java.util.Iterator<PacketFrame> reused = frames(direct, 2 * FrameSender.batchFrames(frameBytes)).iterator();
        try (FrameSender<PacketFrame> sender = new FrameSender<>((f, n) -> sendFrame(c, f, n),
                () -> reused.next().forClient(id), frameBytes, "bench-sender")) {
            for (int k = 0; k < totalPackets; k++) {
                PacketFrame next = sender.nextFrame();
                sender.send(next, fill(next, encryptor, k));
            }
            sender.finish();
        } catch (IOException e) {
            throw e.getCause() instanceof SessionFailure f ? f
                    : new SessionFailure("send of 828 failed", e.toString(), e);
        }
    }

    /** At least {@code count} frames of this file, direct or not, made once and reused from session to session. */
    private java.util.List<PacketFrame> frames(boolean direct, int count) {
        java.util.List<PacketFrame> made = direct ? directFrames : heapFrames;
        boolean padded = settings.dialect().has(DialectFeature.PADDED_PAYLOADS);
        while (made.size() < count) {
            made.add(new PacketFrame(ClientId.ZERO, contentSize, plaintext.size(), totalPackets, fileName, packet,
                    padded ? packet : 0, settings.dialect().has(DialectFeature.SWAPPED), direct));
        }
        return made;
    }

    /** FrameSender's output: a failed send comes back from it as the cause of an IOException. */
    private static void sendFrame(Connection c, PacketFrame frame, int length) throws IOException {
        try {
            c.send(frame.buffer(), length, RequestCode.FILE_PACKET.code());
        } catch (SessionFailure e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Puts packet {@code k} (0-based) into {@code frame}; returns the frame's length. */
    private int fill(PacketFrame frame, AesCbcStream encryptor, int k) {
        long offset = (long) k * packet;
        int data = encrypt(frame.buffer(), encryptor, offset, k == totalPackets - 1);
        return frame.packet(settings.dialect().has(DialectFeature.FROM_ZERO) ? k : k + 1, data);
    }

    /** Encrypts the packet's plaintext into {@code target}; returns its ciphertext bytes. */
    private int encrypt(java.nio.ByteBuffer target, AesCbcStream encryptor, long offset, boolean last) {
        int len = (int) Math.min(packet, plaintext.size() - offset);
        int n = plaintext.encrypt(offset, len, encryptor, target, PacketFrame.DATA_OFFSET);
        if (last) {
            try {
                int at = PacketFrame.DATA_OFFSET + n;
                n += encryptor.finish(target.slice(at, target.capacity() - at));
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
}
