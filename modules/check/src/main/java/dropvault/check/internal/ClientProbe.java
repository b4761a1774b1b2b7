package dropvault.check.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dropvault-check client}: a server on 127.0.0.1 that accepts every dialect of PROTOCOL.md §8,
 * serves {@code --sessions} client runs (connections), watches what the client does (its dialect, its
 * writes, what it does after 1606, 1607 and 901, how often it retries) and reports it.
 */
public final class ClientProbe implements AutoCloseable {
    /** The largest upload it holds to judge (the packets are kept in memory). */
    static final long MAX_UPLOAD = 64L << 20;

    private static final int REGISTER = 825;
    private static final int PUBLIC_KEY = 826;
    private static final int RECONNECT = 827;
    private static final int PACKET = 828;
    private static final int CRC_OK = 900;
    private static final int CRC_RETRY = 901;
    private static final int CRC_ABORT = 902;

    private final ProbeSettings settings;
    private final Quirks quirks;
    private final CryptoSuite crypto;
    private final ServerSocket server;
    private final Observations seen = new Observations();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch done;
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, Registered> clients = new HashMap<>();
    private final Map<String, ClientId> reserved = new HashMap<>();
    private int errorsLeftFirst = 2;
    private int errorsLeft900 = 1;
    private volatile boolean closed;

    private static final class Registered {
        final ClientId id;
        PublicKey key;

        Registered(ClientId id) {
            this.id = id;
        }
    }

    private ClientProbe(ProbeSettings settings, Quirks quirks) throws IOException {
        this.settings = settings;
        this.quirks = quirks;
        this.crypto = CryptoSuites.forName(settings.provider());
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()));
        this.done = new CountDownLatch(settings.sessions());
    }

    public static ClientProbe open(ProbeSettings settings) throws IOException {
        return new ClientProbe(settings, Quirks.NONE);
    }

    /** A stand-in for a server of the wild (for the suite's own tests): accepts until closed. */
    static ClientProbe openAsServer(Quirks quirks, Duration timeout) throws IOException {
        ClientProbe p = new ClientProbe(new ProbeSettings(0, Integer.MAX_VALUE, Scenario.NORMAL, Duration.ZERO, timeout,
                "jdk"), quirks);
        p.start();
        return p;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Accepts connections in the background, each on a virtual thread of its own. */
    void start() {
        Thread.ofVirtual().name("dropvault-check-accept").start(() -> {
            while (!closed && started.get() < settings.sessions()) {
                try {
                    Socket s = server.accept();
                    started.incrementAndGet();
                    pool.submit(() -> serveConnection(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Serves {@code --sessions} runs, or until the client has been silent too long, and reports. */
    public Report serve() throws InterruptedException {
        start();
        // a person starts the client after this: more time than one step
        long wait = settings.timeout().toMillis() * 12 + settings.delay().toMillis() * 20L * settings.sessions();
        boolean all = done.await(wait, TimeUnit.MILLISECONDS);
        if (!all) {
            seen.add(() -> seen.problems.add("only " + (settings.sessions() - done.getCount()) + " of "
                    + settings.sessions() + " client runs ended within " + wait / 1000 + " s"));
        }
        return ClientReport.of(seen, settings, "127.0.0.1:" + port(), all);
    }

    Observations observations() {
        return seen;
    }

    private long bytesRead;

    private synchronized void countRead(int n) {
        bytesRead += n;
        notifyAll();
    }

    /**
     * Waits until the connections served have brought {@code n} bytes in all: a test's client that
     * writes in pieces knows then that each piece was read on its own.
     */
    synchronized boolean awaitBytesRead(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bytesRead < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        pool.shutdownNow();
    }

    // ---- one connection

    private final class Conn {
        final Socket socket;
        final StreamReader in;
        final OutputStream out;
        ClientId id = ClientId.ZERO;
        String name;
        byte[] aesKey;
        UploadSeen upload;
        UploadSeen answered;
        int lastReply;
        byte[] lastRequest;
        int lastRequestCode;
        boolean confirmed;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new StreamReader(socket.getInputStream(), ClientProbe.this::countRead);
            this.out = socket.getOutputStream();
        }

        void reply(int code, byte[] payload) throws IOException {
            reply(code, payload, payload.length);
        }

        void reply(int code, byte[] payload, long declared) throws IOException {
            if (settings.scenario() == Scenario.SLOW && settings.delay().toMillis() > 0) {
                try {
                    // the scenario: the answer comes late on purpose
                    Thread.sleep(settings.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SocketException("interrupted");
                }
            }
            byte[] f = new byte[Protocol.RESPONSE_HEADER_SIZE + payload.length];
            f[0] = Protocol.VERSION;
            Le.putU16(f, 1, code);
            Le.putU32(f, 3, declared);
            System.arraycopy(payload, 0, f, Protocol.RESPONSE_HEADER_SIZE, payload.length);
            out.write(f);
            out.flush();
            lastReply = code;
        }

        void error() throws IOException {
            reply(ResponseCode.GENERAL_ERROR.code(), new byte[0]);
        }
    }

    private void serveConnection(Socket socket) {
        String end = "ended";
        try (socket) {
            socket.setSoTimeout((int) Math.max(1, settings.timeout().toMillis()));
            socket.setTcpNoDelay(true);
            Conn c = new Conn(socket);
            while (true) {
                long start = c.in.offset();
                byte[] header = new byte[Protocol.REQUEST_HEADER_SIZE];
                c.in.read(header, 0, header.length, "request header");
                ClientId id = ClientId.of(header, 0);
                int version = header[16] & 0xFF;
                int code = Le.u16(header, 17);
                long size = Le.u32(header, 19);
                seen.add(() -> seen.versions.add(version));
                if (!sizeFits(code, size)) {
                    seen.add(() -> seen.problems.add("request " + code + " declares " + size + " payload bytes"));
                    c.error();
                    end = "closed after request " + code + " of " + size + " bytes";
                    return;
                }
                byte[] payload = new byte[(int) size];
                c.in.read(payload, 0, payload.length, "payload of " + code);
                noteSplit(c, start, code);
                if (c.lastReply == ResponseCode.GENERAL_ERROR.code()) {
                    boolean same = c.lastRequestCode == code && Arrays.equals(c.lastRequest, payload);
                    seen.add(() -> seen.after1607.add((same ? "sent the same " : "sent a different ") + code));
                }
                if (c.lastReply == ResponseCode.RECONNECT_REFUSED.code()) {
                    seen.add(() -> seen.after1606.add(String.valueOf(code)));
                }
                seen.add(() -> seen.attempts.merge(code, 1, Integer::sum));
                c.lastRequest = payload;
                c.lastRequestCode = code;
                if (!handle(c, id, code, payload)) {
                    end = "closed by the check after " + code;
                    return;
                }
            }
        } catch (StreamReader.CleanEof e) {
            end = "the client closed the connection";
        } catch (StepTimeoutException e) {
            end = e.getMessage();
        } catch (EOFException | SocketException e) {
            end = e.getMessage();
        } catch (IOException e) {
            end = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            String ended = end;
            seen.add(() -> {
                seen.runEnds.add(ended);
                seen.completedRuns++;
            });
            done.countDown();
        }
    }

    private static boolean sizeFits(int code, long size) {
        return switch (code) {
            case REGISTER, RECONNECT -> size >= 2 && size <= Protocol.NAME_SIZE;
            case PUBLIC_KEY -> size == Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE;
            case PACKET -> size > Protocol.PACKET_HEADER_SIZE && size <= Protocol.PACKET_HEADER_SIZE + (16 << 20);
            case CRC_OK, CRC_RETRY, CRC_ABORT -> size == Protocol.NAME_SIZE;
            default -> false;
        };
    }

    private void noteSplit(Conn c, long start, int code) {
        long h = start + Protocol.REQUEST_HEADER_SIZE;
        boolean split = c.in.readEndedAt(h) || (code == PACKET
                && (c.in.readEndedAt(h + 12) || c.in.readEndedAt(h + Protocol.PACKET_HEADER_SIZE)));
        if (split) {
            seen.add(() -> seen.splitCodes.add(code));
        }
    }

    /** Serves one request; false closes the connection. */
    private boolean handle(Conn c, ClientId headerId, int code, byte[] p) throws IOException {
        return switch (code) {
            case REGISTER -> register(c, headerId, p);
            case PUBLIC_KEY -> publicKey(c, headerId, p);
            case RECONNECT -> reconnect(c, headerId, p);
            case PACKET -> packet(c, p);
            case CRC_OK, CRC_RETRY, CRC_ABORT -> verdict(c, code);
            default -> {
                c.error();
                yield false;
            }
        };
    }

    private String nameOf(byte[] p, Conn c) throws IOException {
        int nul = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                nul = i;
                break;
            }
        }
        String form = p.length == Protocol.NAME_SIZE ? "padded" : nul == p.length - 1 ? "unpadded" : "other";
        seen.add(() -> seen.nameFields.add(form));
        if (nul <= 0) {
            return null;
        }
        NameField f = NameField.padded(p, Math.min(p.length, Protocol.NAME_SIZE));
        return f.isValidName() ? f.text() : null;
    }

    private static boolean unpadded(byte[] p) {
        return p.length != Protocol.NAME_SIZE || p[p.length - 1] == 0 && p[p.length - 2] != 0;
    }

    private boolean register(Conn c, ClientId headerId, byte[] p) throws IOException {
        byte[] raw = headerId.toBytes();
        String form = Arrays.equals(raw, new byte[16]) ? "zeros" : allOf(raw, (byte) 'a') ? "16 x 0x61 ('a')"
                : "other (" + headerId.hex() + ")";
        seen.add(() -> seen.headerIds825.add(form));
        boolean unpadded = unpadded(p);
        String name = nameOf(p, c);
        if (quirks.needsUnpaddedNames() && !unpadded) {
            c.error();
            return false;
        }
        if (settings.scenario() == Scenario.ERROR && takeError(true)) {
            c.error();
            return true;
        }
        if (name == null) {
            c.reply(ResponseCode.REGISTRATION_FAILED.code(), new byte[0]);
            return true;
        }
        ClientId id;
        synchronized (clients) {
            if (clients.containsKey(name) && !quirks.neverRefuse()) {
                c.reply(ResponseCode.REGISTRATION_FAILED.code(), new byte[0]);
                return true;
            }
            ClientId r = reserved.remove(name);
            id = r != null ? r : ClientId.random(crypto.random());
            clients.put(name, new Registered(id));
        }
        c.id = id;
        c.name = name;
        c.reply(ResponseCode.REGISTERED.code(), id.toBytes());
        return true;
    }

    private synchronized boolean takeError(boolean first) {
        if (first && errorsLeftFirst > 0) {
            errorsLeftFirst--;
            return true;
        }
        if (!first && errorsLeft900 > 0) {
            errorsLeft900--;
            return true;
        }
        return false;
    }

    private static boolean allOf(byte[] b, byte v) {
        for (byte x : b) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }

    private boolean publicKey(Conn c, ClientId headerId, byte[] p) throws IOException {
        String name = nameOf(Arrays.copyOf(p, Protocol.NAME_SIZE), c);
        byte[] keyBytes = Arrays.copyOfRange(p, Protocol.NAME_SIZE, p.length);
        PublicKey key;
        try {
            key = crypto.decodePublicKey(keyBytes);
        } catch (InvalidKeyException e) {
            seen.add(() -> seen.keyProblems.add("826 carries no 1024-bit RSA X.509 key of 160 bytes: " + e.getMessage()));
            c.error();
            return false;
        }
        Registered r;
        synchronized (clients) {
            r = name == null ? null : clients.get(name);
            if (r == null && name != null && headerId.equals(reserved.get(name))) {
                // 826 straight after 1606 with the id it carried (§5)
                reserved.remove(name);
                r = new Registered(headerId);
                clients.put(name, r);
            }
        }
        if (r == null || !r.id.equals(headerId)) {
            c.error();
            return true;
        }
        r.key = key;
        c.id = r.id;
        c.name = name;
        return issueKey(c, key, ResponseCode.KEY_ISSUED.code());
    }

    private boolean issueKey(Conn c, PublicKey key, int code) throws IOException {
        c.aesKey = crypto.newAesKey();
        byte[] wrapped;
        try {
            wrapped = crypto.wrapKey(key, c.aesKey);
        } catch (InvalidKeyException e) {
            c.error();
            return false;
        }
        byte[] payload = Arrays.copyOf(c.id.toBytes(), 16 + wrapped.length);
        System.arraycopy(wrapped, 0, payload, 16, wrapped.length);
        seen.add(() -> seen.keysSent++);
        c.reply(code, payload);
        return true;
    }

    private boolean reconnect(Conn c, ClientId headerId, byte[] p) throws IOException {
        boolean unpadded = unpadded(p);
        String name = nameOf(p, c);
        if (quirks.needsUnpaddedNames() && !unpadded) {
            c.error();
            return false;
        }
        seen.add(() -> seen.reconnects++);
        if (settings.scenario() == Scenario.ERROR && takeError(true)) {
            c.error();
            return true;
        }
        Registered r;
        ClientId fresh = ClientId.random(crypto.random());
        synchronized (clients) {
            if (settings.scenario() == Scenario.FORGET && name != null) {
                clients.remove(name);
            }
            r = name == null ? null : clients.get(name);
            if (r == null && name != null) {
                reserved.put(name, fresh);
            }
        }
        if (r != null && r.id.equals(headerId) && r.key != null) {
            c.id = r.id;
            c.name = name;
            return issueKey(c, r.key, ResponseCode.RECONNECTED.code());
        }
        c.reply(ResponseCode.RECONNECT_REFUSED.code(), quirks.empty1606() ? new byte[0] : fresh.toBytes());
        return true;
    }

    private boolean packet(Conn c, byte[] p) throws IOException {
        if (c.aesKey == null) {
            c.error();
            return false;
        }
        UploadSeen.Packet packet = new UploadSeen.Packet(Le.u32(p, 0), Le.u32(p, 4), Le.u16(p, 8), Le.u16(p, 10),
                Arrays.copyOfRange(p, 12, Protocol.PACKET_HEADER_SIZE), p.length,
                Arrays.copyOfRange(p, Protocol.PACKET_HEADER_SIZE, p.length));
        if (c.upload == null && c.answered != null) {
            if (c.answered.takeExtra(crypto, c.aesKey, packet)) {
                seen.add(() -> seen.uploadFeatures.add(DialectFeature.EXTRA_PACKET));
                return true;
            }
            seen.add(() -> seen.problems.add("an 828 after 1603 with no 901 before it"));
            c.error();
            return false;
        }
        if (c.upload == null) {
            c.upload = new UploadSeen();
        }
        if (packet.originalSize() > MAX_UPLOAD) {
            seen.add(() -> seen.problems.add("an upload of " + packet.originalSize() + " bytes: the check judges at most "
                    + MAX_UPLOAD));
            c.error();
            return false;
        }
        if (!c.upload.add(packet)) {
            return true;
        }
        UploadSeen u = c.upload;
        c.upload = null;
        if (!u.finish(crypto, c.aesKey)) {
            seen.add(() -> seen.problems.add("upload: " + u.problem()));
            c.error();
            return false;
        }
        if (quirks.needs() != null) {
            // a server of one dialect: refuses what contradicts it, not what the upload cannot show
            Set<DialectFeature> differ = EnumSet.noneOf(DialectFeature.class);
            differ.addAll(u.features());
            differ.addAll(quirks.needs());
            Set<DialectFeature> both = EnumSet.noneOf(DialectFeature.class);
            both.addAll(u.features());
            both.retainAll(quirks.needs());
            differ.removeAll(both);
            differ.removeAll(u.undetermined());
            if (!differ.isEmpty()) {
                c.error();
                return false;
            }
        }
        seen.add(() -> {
            seen.uploads++;
            seen.uploadFeatures.addAll(u.features());
            if (seen.firstUpload == null) {
                seen.firstUpload = u;
            }
        });
        c.answered = u;
        long cksum = settings.scenario() == Scenario.BAD_CRC ? u.cksum() ^ 0x5A5A_5A5AL : u.cksum();
        byte[] name = u.fileName();
        int nameLen = name.length;
        if (quirks.fileReplyUnpadded()) {
            int n = 0;
            while (n < name.length && name[n] != 0) {
                n++;
            }
            nameLen = n;
        }
        byte[] payload = new byte[16 + 4 + nameLen + 4];
        System.arraycopy(c.id.toBytes(), 0, payload, 0, 16);
        Le.putU32(payload, 16, quirks.fileReplyPlainSize() ? u.plaintext().length : u.receivedContentSize());
        System.arraycopy(name, 0, payload, 20, nameLen);
        Le.putU32(payload, 20 + nameLen, cksum);
        c.reply(ResponseCode.FILE_RECEIVED.code(), payload);
        return true;
    }

    private boolean verdict(Conn c, int code) throws IOException {
        if (c.answered == null) {
            c.error();
            return false;
        }
        boolean right = settings.scenario() != Scenario.BAD_CRC;
        seen.add(() -> {
            seen.verdicts.add(code);
            if (code == CRC_OK && !right) {
                seen.verdictMatchedCksum = false;
                seen.verdictProblem = "900 for a 1603 whose cksum was wrong";
            } else if (code != CRC_OK && right) {
                seen.verdictMatchedCksum = false;
                seen.verdictProblem = code + " for a 1603 whose cksum was right";
            }
        });
        if (code == CRC_RETRY) {
            c.answered = null;
            boolean waits = !resendComes(c);
            seen.add(() -> seen.after901.add(waits ? "waited for an answer" : "resent at once"));
            if (waits || quirks.answer901()) {
                thanks(c);
            }
            return true;
        }
        if (code == CRC_OK && settings.scenario() == Scenario.ERROR && takeError(false)) {
            c.error();
            return true;
        }
        seen.add(() -> {
            if (code == CRC_OK) {
                seen.confirmed++;
            } else {
                seen.abandoned++;
            }
        });
        thanks(c);
        c.answered = null;
        return true;
    }

    private void thanks(Conn c) throws IOException {
        int declared = quirks.thanksDeclared();
        c.reply(ResponseCode.THANKS.code(), declared == 0 ? new byte[0] : c.id.toBytes(), declared);
    }

    /** After 901: do the packets of the resend come within a short wait (§8's conflict)? */
    private boolean resendComes(Conn c) throws IOException {
        if (c.in.hasPending()) {
            return true;
        }
        int normal = c.socket.getSoTimeout();
        // long enough that a client which resends at once is never taken for one that waits
        c.socket.setSoTimeout((int) Math.max(200, Math.min(5000, settings.timeout().toMillis() / 2)));
        try {
            return c.in.awaitData();
        } catch (SocketTimeoutException | StepTimeoutException e) {
            return false;
        } finally {
            c.socket.setSoTimeout(normal);
        }
    }
}
