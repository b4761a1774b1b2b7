package dropvault.hostile;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.Thanks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What a well-behaved client does, step by step, on a {@link Wire}. */
final class Client {
    static final CryptoSuite CRYPTO = CryptoSuites.jdk();
    /** One key pair for every test client: generating one per client only costs time. */
    static final KeyPair KEYS = CRYPTO.generateKeyPair();
    static final int CHUNK = 1024;

    /** A client with the AES key of its current connection. */
    record Identity(ClientId id, String name, byte[] aesKey) {
    }

    private Client() {
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** 825 → 1600, then 826 → 1602. */
    static Identity register(Wire w, String name) throws IOException, GeneralSecurityException {
        w.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
        ClientId id = w.expect(Registered.class).clientId();
        w.send(id, new PublicKeyRequest(NameField.of(name), CRYPTO.encodePublicKey(KEYS.getPublic())));
        KeyIssued issued = w.expect(KeyIssued.class);
        return new Identity(id, name, CRYPTO.unwrapKey(KEYS.getPrivate(), issued.wrappedKey()));
    }

    /** 827 → 1605. */
    static Identity reconnect(Wire w, ClientId id, String name) throws IOException, GeneralSecurityException {
        w.send(id, new ReconnectRequest(NameField.of(name)));
        Reconnected r = w.expect(Reconnected.class);
        if (!r.clientId().equals(id)) {
            throw new AssertionError("1605 for " + r.clientId() + ", not " + id);
        }
        return new Identity(id, name, CRYPTO.unwrapKey(KEYS.getPrivate(), r.wrappedKey()));
    }

    static byte[] encrypt(byte[] aesKey, byte[] plain) throws GeneralSecurityException {
        AesCbcStream enc = CRYPTO.encryptor(aesKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(enc.update(plain, 0, plain.length));
        out.writeBytes(enc.finish());
        return out.toByteArray();
    }

    static List<FilePacket> packets(Identity who, NameField name, byte[] plain) throws GeneralSecurityException {
        return packets(who, name, plain, CHUNK);
    }

    /** The file encrypted with the identity's key, cut into packets of {@code chunk} ciphertext bytes. */
    static List<FilePacket> packets(Identity who, NameField name, byte[] plain, int chunk)
            throws GeneralSecurityException {
        byte[] cipher = encrypt(who.aesKey(), plain);
        int total = (cipher.length + chunk - 1) / chunk;
        List<FilePacket> packets = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] data = Arrays.copyOfRange(cipher, i * chunk, Math.min(cipher.length, (i + 1) * chunk));
            packets.add(new FilePacket(cipher.length, plain.length, i + 1, total, name, data));
        }
        return packets;
    }

    /** The packets of a file → 1603, whose cksum and name must be right. */
    static void upload(Wire w, Identity who, NameField name, byte[] plain)
            throws IOException, GeneralSecurityException {
        for (FilePacket p : packets(who, name, plain)) {
            w.send(who.id(), p);
        }
        FileReceived received = w.expect(FileReceived.class);
        if (received.cksum() != Cksum.of(plain) || !Arrays.equals(received.fileName().toBytes(), name.toBytes())) {
            throw new AssertionError("1603 with cksum " + received.cksum() + " for " + received.fileName());
        }
    }

    /** 900 → 1604. */
    static void confirm(Wire w, Identity who, NameField name) throws IOException {
        w.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, name));
        w.expect(Thanks.class);
    }

    /** Upload and 900 → 1604. */
    static void store(Wire w, Identity who, NameField name, byte[] plain) throws IOException, GeneralSecurityException {
        upload(w, who, name, plain);
        confirm(w, who, name);
    }

    /** The server still takes a new client's upload, stored byte for byte: it went on after whatever came before. */
    static void storesCleanly(ServerProcess server, Path data) throws Exception {
        storesCleanly(server, data, 70_000);
    }

    static void storesCleanly(ServerProcess server, Path data, int size) throws Exception {
        byte[] plain = randomBytes(9, size);
        try (Wire w = new Wire(server.address())) {
            Identity who = register(w, "after the trouble " + System.nanoTime());
            store(w, who, NameField.utf8("fine.bin"), plain);
            if (!Snapshot.sha256(plain).equals(Snapshot.sha256(data.resolve("files").resolve(who.id().hex()).resolve("fine.bin")))) {
                throw new AssertionError("the stored file differs from what was sent");
            }
        }
    }
}
