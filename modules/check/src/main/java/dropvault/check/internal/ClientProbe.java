package dropvault.check.internal;

import static dropvault.check.internal.ProbeState.CRC_ABORT;
import static dropvault.check.internal.ProbeState.CRC_OK;
import static dropvault.check.internal.ProbeState.CRC_RETRY;
import static dropvault.check.internal.ProbeState.PACKET;
import static dropvault.check.internal.ProbeState.PUBLIC_KEY;
import static dropvault.check.internal.ProbeState.RECONNECT;
import static dropvault.check.internal.ProbeState.REGISTER;

import dropvault.protocol.ClientId;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dropvault-check client}: a server on 127.0.0.1 that accepts every dialect of PROTOCOL.md §8,
 * serves {@code --sessions} client runs (connections), watches what the client does (its dialect, its
 * writes, what it does after 1606, 1607 and 901, how often it retries) and reports it. This class
 * accepts, reads the requests and hands each to {@link ProbeRegistration} or {@link ProbeUpload}.
 */
public final class ClientProbe implements AutoCloseable {
    private final ProbeSettings settings;
    private final ProbeState state;
    private final Observations seen;
    private final ProbeRegistration registration;
    private final ProbeUpload upload;
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch done;
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    private ClientProbe(ProbeSettings settings, Quirks quirks) throws IOException {
        this.settings = settings;
        this.state = new ProbeState(settings, quirks);
        this.seen = state.seen;
        this.registration = new ProbeRegistration(state);
        this.upload = new ProbeUpload(state);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()));
        this.done = new CountDownLatch(settings.sessions());
        state.die = this::close;
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
        for (Socket s : state.silent) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---- one connection

    private void serveConnection(Socket socket) {
        String end = "ended";
        try (socket) {
            socket.setSoTimeout((int) Math.max(1, settings.timeout().toMillis()));
            socket.setTcpNoDelay(true);
            ProbeConnection c = new ProbeConnection(socket, settings, this::countRead);
            while (true) {
                long start = c.in.offset();
                byte[] header = new byte[Protocol.REQUEST_HEADER_SIZE];
                c.in.read(header, 0, header.length, "request header");
                ClientId id = ClientId.of(header, 0);
                int version = header[16] & 0xFF;
                int code = Le.u16(header, 17);
                long size = Le.u32(header, 19);
                seen.add(() -> seen.versions.add(version));
                if (code == CRC_RETRY && size > Protocol.PACKET_HEADER_SIZE) {
                    // a packet of the resend under a 901 header (§8, "901 framing"), not a resend at once
                    seen.add(() -> {
                        seen.framed901 = true;
                        seen.after901.remove("resent at once");
                    });
                    c.error();
                    end = "closed after a 901 header carrying " + size + " bytes (a packet framed with code 901)";
                    return;
                }
                if (state.quirks.has(Quirks.Wild.DAMAGED_BY_UNKNOWN_CODE) && (code < REGISTER || code > CRC_ABORT
                        || code > PACKET && code < CRC_OK)) {
                    state.damaged = true;
                }
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

    private void noteSplit(ProbeConnection c, long start, int code) {
        long h = start + Protocol.REQUEST_HEADER_SIZE;
        boolean split = c.in.readEndedAt(h) || (code == PACKET
                && (c.in.readEndedAt(h + 12) || c.in.readEndedAt(h + Protocol.PACKET_HEADER_SIZE)));
        if (split) {
            seen.add(() -> seen.splitCodes.add(code));
        }
    }

    /** Serves one request; false closes the connection. */
    private boolean handle(ProbeConnection c, ClientId headerId, int code, byte[] p) throws IOException {
        return switch (code) {
            case REGISTER -> registration.register(c, headerId, p);
            case PUBLIC_KEY -> registration.publicKey(c, headerId, p);
            case RECONNECT -> registration.reconnect(c, headerId, p);
            case PACKET -> upload.packet(c, p);
            case CRC_OK, CRC_RETRY, CRC_ABORT -> upload.verdict(c, code);
            default -> {
                c.error();
                yield false;
            }
        };
    }
}
