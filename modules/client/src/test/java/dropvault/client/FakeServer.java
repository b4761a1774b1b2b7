package dropvault.client;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FileReceived;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FrameLimits;
import dropvault.protocol.GeneralError;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import dropvault.protocol.Request;
import dropvault.protocol.RequestDecoder;
import dropvault.protocol.ResponseEncoder;
import dropvault.protocol.ResponsePayload;
import dropvault.protocol.Thanks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server test double speaking PROTOCOL.md, in memory, on 127.0.0.1 and an ephemeral port. Its
 * knobs make it lie about the CRC, answer 1607, close connections, refuse reconnections, or behave
 * like the seed implementation of PROTOCOL.md §8. It logs every request it reads ("825", "828 1/3
 * 1024", ...) and notes every deviation from the dialect it expects in {@link #violations}.
 */
final class FakeServer implements AutoCloseable {

    /** The knobs; set them before the client connects. */
    static final class Behaviour {
        /** Seed peer: packets from 0 padded to 1291 bytes, 1604 declaring 255 bytes and sending 16. */
        boolean seed;
        /** How many 1603s carry a wrong cksum. */
        int crcLies;
        /** Request code → how many times it is answered with 1607 (the 828 after its last packet). */
        final Map<Integer, Integer> errors = new ConcurrentHashMap<>();
        /** Close the connection after each 1607. */
        boolean closeAfterError;
        /** Request code → how many times the connection is closed instead of an answer. */
        final Map<Integer, Integer> hangUps = new ConcurrentHashMap<>();
        /** Answer 901 with 1604, as one server in the wild does. */
        boolean thanksFor901;
        /** Answer every 827 with 1606. */
        boolean refuseReconnect;
        /** Reads each header and each payload with one recv: a message split over segments breaks it. */
        boolean oneRecv;
        /** Needs every 828 payload to be 1291 bytes, numbered from 1 (1607 and close otherwise). */
        boolean needsPadded;
        /** Needs each packet encrypted alone, total before number (1607 and close otherwise). */
        boolean perPacketSwapped;
        /** What it cannot take it does not answer at all (instead of 1607 and a close): silence. */
        boolean silentRefusal;
        /** Takes exactly one 828 holding the whole file (1607 and close, or silence, otherwise). */
        boolean singlePacketOnly;
        /** 1601 and 1606 carry a text explanation (a server in the wild). */
        boolean textRefusals;
        /** 1603 carries zlib's CRC-32 of the file, not its cksum (a server in the wild). */
        boolean crc32In1603;
        /** Goes silent on every 828, without closing (a server that crashed on what it did not expect). */
        boolean silentOnEveryPacket;
        /** 1603 carries the plaintext size, not the ciphertext size. */
        boolean plaintextSizeIn1603;
        /** 1603 carries the name unpadded: 16 + 4 + length + 4 bytes. */
        boolean unpaddedNameIn1603;
        /** 1604 with an empty payload. */
        boolean emptyThanks;
        /** A key-bound client's 827 on the plain port: 1606 with the client's own id, and 1607 for any 826 then. */
        boolean keyBound;
        /** 1606 with an empty payload (the client registers anew with 825). */
        boolean emptyRefusal;
        /** Request code → a code outside the protocol to answer with, once. */
        final Map<Integer, Integer> strangeAnswers = new ConcurrentHashMap<>();

        Behaviour errors(int code, int times) {
            errors.put(code, times);
            return this;
        }

        Behaviour hangUps(int code, int times) {
            hangUps.put(code, times);
            return this;
        }
    }

    private record Client(ClientId id, String name, PublicKey publicKey) {
    }

    final Behaviour behaviour = new Behaviour();
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicInteger connections = new AtomicInteger();
    /** Connections it went silent on: the signal a test's client takes for the silence. */
    final AtomicInteger silences = new AtomicInteger();

    private final CryptoSuite crypto = CryptoSuites.jdk();
    private final Map<ClientId, Client> clients = new ConcurrentHashMap<>();
    private final Map<ClientId, String> reserved = new ConcurrentHashMap<>();
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    FakeServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("fake-server").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Registers a client as if it had registered before (for reconnect tests with the fixtures). */
    void knowClient(ClientId id, String name, PublicKey key) {
        clients.put(id, new Client(id, name, key));
    }

    Optional<ClientId> idOf(String name) {
        return clients.values().stream().filter(c -> c.name().equals(name)).map(Client::id).findFirst();
    }

    List<String> codes() {
        return log.stream().map(s -> s.substring(0, 3)).toList();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One connection's state: its AES key and the upload in progress. */
    private final class Session {
        final Socket socket;
        final OutputStream out;
        Client client;
        byte[] aesKey;
        AesCbcStream decryptor;
        ByteArrayOutputStream plaintext;
        long received;
        int expectedNumber;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Session s = new Session(socket);
            RequestDecoder decoder = new RequestDecoder(socket.getInputStream(), FrameLimits.standard(4 << 20));
            while (true) {
                Optional<Request> r = behaviour.oneRecv ? readWithOneRecvEach(socket) : decoder.read();
                if (r.isEmpty() || !handle(s, r.get())) {
                    return;
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            // the client went away or sent garbage: the connection ends
        }
    }

    /** A header with one recv, its payload with another; a short read ends the connection (empty). */
    private Optional<Request> readWithOneRecvEach(Socket socket) throws IOException {
        java.io.InputStream in = socket.getInputStream();
        byte[] h = new byte[23];
        int n = in.read(h);
        if (n != h.length) {
            if (n > 0) {
                violations.add("a header in " + n + " bytes");
            }
            return Optional.empty();
        }
        dropvault.protocol.RequestHeader header = RequestDecoder.parseHeader(h);
        byte[] payload = new byte[(int) header.payloadSize()];
        int m = payload.length == 0 ? 0 : in.read(payload);
        if (m != payload.length) {
            violations.add("a payload of " + payload.length + " bytes in one recv of " + m);
            return Optional.empty();
        }
        return Optional.of(new Request(header, RequestDecoder.decodePayload(header.code(), payload)));
    }

    /** Serves one request; false to close the connection. */
    private boolean handle(Session s, Request r) throws IOException, GeneralSecurityException {
        int code = r.code();
        String entry = code + "";
        if (r.payload() instanceof FilePacket p) {
            entry += " " + p.packetNumber() + "/" + p.totalPackets() + " " + p.dataLength();
        }
        log.add(entry);
        if (r.header().version() != 3) {
            violations.add("version " + r.header().version());
        }
        boolean lastPacket = true;
        if (r.payload() instanceof FilePacket p && (refuses(p) || behaviour.silentOnEveryPacket)) {
            if (behaviour.silentRefusal || behaviour.silentOnEveryPacket) {
                silences.incrementAndGet();
                socket(s).getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                return false;
            }
            send(s, new GeneralError());
            return false;
        }
        if (r.payload() instanceof FilePacket p && behaviour.perPacketSwapped) {
            if (!receiveAlone(s, p)) {
                send(s, new GeneralError());
                return false;
            }
            if (p.packetNumber() != p.totalPackets()) {
                return true;
            }
        } else if (r.payload() instanceof FilePacket p) {
            lastPacket = receivePacket(s, p);
            if (!lastPacket) {
                return true;
            }
        }
        if (take(behaviour.hangUps, code)) {
            return false;
        }
        if (take(behaviour.errors, code)) {
            s.decryptor = null;
            send(s, new GeneralError());
            return !behaviour.closeAfterError;
        }
        Integer strange = behaviour.strangeAnswers.remove(code);
        if (strange != null) {
            s.out.write(new byte[] {3, (byte) strange.intValue(), (byte) (strange >> 8), 0, 0, 0, 0});
            return true;
        }
        switch (r.payload()) {
            case RegisterRequest reg -> register(s, reg.name());
            case PublicKeyRequest pk -> publicKey(s, r.clientId(), pk);
            case ReconnectRequest rc -> reconnect(s, r.clientId(), rc.name());
            case FilePacket p -> fileReceived(s, p);
            case CrcReport c -> crc(s, c);
            default -> violations.add("unexpected request " + code);
        }
        return true;
    }

    private static Socket socket(Session s) {
        return s.socket;
    }

    /** What a server of a narrower dialect cannot take: it answers 1607 and closes. */
    private boolean refuses(FilePacket p) {
        if (behaviour.singlePacketOnly) {
            return p.totalPackets() != 1 || p.dataLength() != p.contentSize() || p.packetNumber() != 1;
        }
        if (behaviour.needsPadded) {
            return p.dataLength() != 1024 || p.packetNumber() == 0;
        }
        if (behaviour.perPacketSwapped) {
            return !p.swapped() && p.packetNumber() != p.totalPackets() || p.dataLength() % 16 != 0;
        }
        return false;
    }

    /** A packet that decrypts alone (numbered from 1); false when it does not. */
    private boolean receiveAlone(Session s, FilePacket p) throws GeneralSecurityException {
        if (s.plaintext == null || p.packetNumber() == 1) {
            s.plaintext = new ByteArrayOutputStream();
            s.received = 0;
        }
        AesCbcStream d = crypto.decryptor(s.aesKey);
        byte[] data = p.data();
        s.plaintext.writeBytes(d.update(data, 0, data.length));
        try {
            s.plaintext.writeBytes(d.finish());
        } catch (javax.crypto.BadPaddingException e) {
            return false;
        }
        s.received += data.length;
        return true;
    }

    private void register(Session s, NameField name) throws IOException {
        if (clients.values().stream().anyMatch(c -> c.name().equals(name.text()))) {
            if (behaviour.textRefusals) {
                writeText(s, 1601, "name already registered");
                return;
            }
            send(s, new RegistrationFailed());
            return;
        }
        ClientId id = reserved.entrySet().stream().filter(e -> e.getValue().equals(name.text())).map(Map.Entry::getKey)
                .findFirst().orElseGet(() -> ClientId.random(crypto.random()));
        reserved.put(id, name.text());
        send(s, new Registered(id));
    }

    private void publicKey(Session s, ClientId id, PublicKeyRequest pk) throws IOException, GeneralSecurityException {
        String name = reserved.remove(id);
        if (name == null || !name.equals(pk.name().text())) {
            violations.add("826 for an id that was not given to " + pk.name());
            send(s, new GeneralError());
            return;
        }
        s.client = new Client(id, name, crypto.decodePublicKey(pk.publicKey()));
        clients.put(id, s.client);
        s.aesKey = crypto.newAesKey();
        send(s, new KeyIssued(id, crypto.wrapKey(s.client.publicKey(), s.aesKey)));
    }

    private void reconnect(Session s, ClientId id, NameField name) throws IOException, GeneralSecurityException {
        Client c = clients.get(id);
        if (c != null && behaviour.keyBound) {
            send(s, new ReconnectRefused(id));
            return;
        }
        if (c == null || !c.name().equals(name.text()) || behaviour.refuseReconnect) {
            ClientId fresh = ClientId.random(crypto.random());
            if (c != null) {
                clients.remove(id);
            }
            reserved.put(fresh, name.text());
            if (behaviour.textRefusals) {
                writeText(s, 1606, "unknown client, register again");
                return;
            }
            if (behaviour.emptyRefusal) {
                s.out.write(new byte[] {3, (byte) 0x46, 0x06, 0, 0, 0, 0});
                return;
            }
            send(s, new ReconnectRefused(fresh));
            return;
        }
        s.client = c;
        s.aesKey = crypto.newAesKey();
        send(s, new Reconnected(id, crypto.wrapKey(c.publicKey(), s.aesKey)));
    }

    /** Takes one packet; true when it was the last. */
    private boolean receivePacket(Session s, FilePacket p) throws IOException, GeneralSecurityException {
        int first = behaviour.seed ? 0 : 1;
        if (s.decryptor == null) {
            if (s.aesKey == null) {
                violations.add("828 before a key was issued");
                return true;
            }
            s.decryptor = crypto.decryptor(s.aesKey);
            s.plaintext = new ByteArrayOutputStream();
            s.received = 0;
            s.expectedNumber = first;
        }
        if (p.packetNumber() != s.expectedNumber) {
            violations.add("packet number " + p.packetNumber() + ", expected " + s.expectedNumber);
        }
        s.expectedNumber++;
        if (behaviour.seed && p.dataLength() != 1024) {
            violations.add("seed packet with " + p.dataLength() + " data bytes");
        }
        if (!behaviour.seed && p.dataLength() % 16 != 0) {
            violations.add("packet data of " + p.dataLength() + " bytes is not a multiple of 16");
        }
        int take = (int) Math.min(p.dataLength(), p.contentSize() - s.received);
        s.plaintext.writeBytes(s.decryptor.update(p.data(), 0, take));
        s.received += take;
        boolean last = p.packetNumber() == p.totalPackets() - 1 + first;
        if (last) {
            s.plaintext.writeBytes(s.decryptor.finish());
            if (s.plaintext.size() != p.originalSize()) {
                violations.add("original size " + p.originalSize() + " but " + s.plaintext.size() + " bytes decrypted");
            }
        }
        return last;
    }

    private void fileReceived(Session s, FilePacket p) throws IOException {
        long cksum = Cksum.of(s.plaintext.toByteArray());
        if (behaviour.crc32In1603) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(s.plaintext.toByteArray());
            cksum = crc.getValue();
        }
        if (behaviour.crcLies > 0) {
            behaviour.crcLies--;
            cksum ^= 0x5A5A;
        }
        s.decryptor = null;
        long size = behaviour.plaintextSizeIn1603 ? p.originalSize() : s.received;
        if (behaviour.unpaddedNameIn1603) {
            int len = p.fileName().textLength();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(7 + 16 + 4 + len + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 3).putShort((short) 1603).putInt(16 + 4 + len + 4).put(s.client.id().toBytes())
                    .putInt((int) size).put(p.fileName().toBytes(), 0, len).putInt((int) cksum);
            s.out.write(b.array());
            return;
        }
        send(s, new FileReceived(s.client.id(), size, p.fileName(), cksum));
    }

    private void crc(Session s, CrcReport c) throws IOException {
        switch (c.verdict()) {
            case MATCHED -> {
                files.put(c.fileName().text(), s.plaintext.toByteArray());
                thanks(s);
            }
            case RETRY -> {
                if (behaviour.thanksFor901) {
                    thanks(s);
                }
            }
            case ABORT -> thanks(s);
        }
        s.plaintext = null;
    }

    private void thanks(Session s) throws IOException {
        if (behaviour.emptyThanks) {
            s.out.write(new byte[] {3, (byte) 0x44, 0x06, 0, 0, 0, 0});
            return;
        }
        if (!behaviour.seed) {
            send(s, new Thanks(s.client.id()));
            return;
        }
        byte[] frame = ResponseEncoder.encode(new Thanks(s.client.id()));
        frame[3] = (byte) 255;
        s.out.write(frame);
    }

    private static void writeText(Session s, int code, String text) throws IOException {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(7 + t.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 3).putShort((short) code).putInt(t.length).put(t);
        s.out.write(b.array());
    }

    private static void send(Session s, ResponsePayload p) throws IOException {
        s.out.write(ResponseEncoder.encode(p));
    }

    private static boolean take(Map<Integer, Integer> counts, int code) {
        Integer n = counts.get(code);
        if (n == null || n == 0) {
            return false;
        }
        counts.put(code, n - 1);
        return true;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
