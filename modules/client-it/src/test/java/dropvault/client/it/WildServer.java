package dropvault.client.it;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.FrameLimits;
import dropvault.protocol.GeneralError;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

/**
 * A stand-in for a server of PROTOCOL.md §8, for the packaged client: on 127.0.0.1 and an ephemeral
 * port, in memory. Each {@link Row} makes it depart from the text as one server in the wild does;
 * it logs the requests it reads ("825", "828 1/1 5008", ...).
 */
final class WildServer implements AutoCloseable {
    enum Row {
        /** 1603 carries zlib's CRC-32 of the file, not its cksum. */
        CRC32,
        /** Takes exactly one 828 holding the whole file; any other packet gets 1607 and a close. */
        SINGLE_PACKET,
        /** 1603 carries a wrong sum, and 902 makes the connection go silent without closing. */
        SILENT_ON_902,
        /** 1601 and 1606 carry a text explanation; every 827 is refused. */
        TEXT_REFUSALS,
        /** An 827 from a client that never uploaded a file: the connection goes silent without closing. */
        SILENT_ON_827_BEFORE_UPLOAD,
        /** A request code outside the course's gets 1607 and a close (without this row: a close alone). */
        ERROR_ON_UNKNOWN_CODE,
        /** A request code outside the course's: the connection goes silent without closing. */
        SILENT_ON_UNKNOWN_CODE
    }

    private record Client(ClientId id, String name, PublicKey key) {
    }

    final List<String> log = new CopyOnWriteArrayList<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Set<Row> rows;
    private final CryptoSuite crypto = CryptoSuites.jdk();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    WildServer(Row... rows) throws IOException {
        this.rows = Set.of(rows);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("wild-server").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            RequestDecoder in = new RequestDecoder(socket.getInputStream(), FrameLimits.standard(8 << 20));
            Client client = null;
            byte[] key = null;
            AesCbcStream decryptor = null;
            ByteArrayOutputStream plain = null;
            while (true) {
                Request r;
                try {
                    r = in.read().orElse(null);
                } catch (dropvault.protocol.UnknownCodeException e) {
                    log.add("unknown code");
                    if (rows.contains(Row.ERROR_ON_UNKNOWN_CODE)) {
                        send(out, new GeneralError());
                    } else if (rows.contains(Row.SILENT_ON_UNKNOWN_CODE)) {
                        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    }
                    return;
                }
                if (r == null) {
                    return;
                }
                String entry = String.valueOf(r.code());
                if (r.payload() instanceof FilePacket p) {
                    entry += " " + p.packetNumber() + "/" + p.totalPackets() + " " + p.dataLength();
                }
                log.add(entry);
                switch (r.payload()) {
                    case RegisterRequest reg -> {
                        if (clients.containsKey(reg.name().text())) {
                            if (rows.contains(Row.TEXT_REFUSALS)) {
                                text(out, 1601, "name already registered");
                            } else {
                                out.write(new byte[] {3, 0x41, 0x06, 0, 0, 0, 0});
                            }
                            continue;
                        }
                        ClientId id = ClientId.random(crypto.random());
                        clients.put(reg.name().text(), new Client(id, reg.name().text(), null));
                        send(out, new Registered(id));
                    }
                    case PublicKeyRequest pk -> {
                        Client c = clients.get(pk.name().text());
                        client = new Client(c.id(), c.name(), crypto.decodePublicKey(pk.publicKey()));
                        clients.put(c.name(), client);
                        key = crypto.newAesKey();
                        send(out, new KeyIssued(client.id(), crypto.wrapKey(client.key(), key)));
                    }
                    case ReconnectRequest rc -> {
                        if (rows.contains(Row.SILENT_ON_827_BEFORE_UPLOAD) && !uploaded.contains(rc.name().text())) {
                            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                            return;
                        }
                        Client c = clients.get(rc.name().text());
                        if (c == null || rows.contains(Row.TEXT_REFUSALS)) {
                            clients.remove(rc.name().text());
                            text(out, 1606, "unknown client, register again");
                            continue;
                        }
                        client = c;
                        key = crypto.newAesKey();
                        send(out, new Reconnected(c.id(), crypto.wrapKey(c.key(), key)));
                    }
                    case FilePacket p -> {
                        if (rows.contains(Row.SINGLE_PACKET)
                                && (p.totalPackets() != 1 || p.dataLength() != p.contentSize())) {
                            send(out, new GeneralError());
                            return;
                        }
                        if (decryptor == null) {
                            decryptor = crypto.decryptor(key);
                            plain = new ByteArrayOutputStream();
                        }
                        plain.writeBytes(decryptor.update(p.data(), 0, p.dataLength()));
                        if (p.packetNumber() == p.totalPackets()) {
                            plain.writeBytes(decryptor.finish());
                            decryptor = null;
                            uploaded.add(client.name());
                            send(out, new FileReceived(client.id(), p.contentSize(), p.fileName(), sum(plain.toByteArray())));
                        }
                    }
                    case CrcReport c -> {
                        if (c.verdict() == CrcReport.Verdict.ABORT && rows.contains(Row.SILENT_ON_902)) {
                            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                            return;
                        }
                        if (c.verdict() == CrcReport.Verdict.MATCHED) {
                            files.put(c.fileName().text(), plain.toByteArray());
                        }
                        if (c.verdict() != CrcReport.Verdict.RETRY) {
                            send(out, new Thanks(client.id()));
                        }
                    }
                    default -> {
                        send(out, new GeneralError());
                        return;
                    }
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the client went away or sent what this stand-in does not take
        }
    }

    private long sum(byte[] file) {
        if (rows.contains(Row.CRC32)) {
            CRC32 c = new CRC32();
            c.update(file);
            return c.getValue();
        }
        long cksum = Cksum.of(file);
        return rows.contains(Row.SILENT_ON_902) ? cksum ^ 0x5A5A : cksum;
    }

    private static void text(OutputStream out, int code, String text) throws IOException {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(7 + t.length).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putShort((short) code)
                .putInt(t.length).put(t).array());
    }

    private static void send(OutputStream out, ResponsePayload p) throws IOException {
        out.write(ResponseEncoder.encode(p));
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
