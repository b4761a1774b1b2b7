package dropvault.server.internal;

import dropvault.protocol.FilePacket;
import dropvault.protocol.Request;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Platform threads for the connections that stream large uploads. A virtual thread that waits for
 * socket data parks, and is woken through the JDK's poller and a hand-off to a carrier thread; a
 * platform thread waits in poll(2) and the kernel wakes it directly. A server that is faster than
 * its client waits once or more a packet: for a 1 GiB upload, the parking and waking took about a
 * quarter of the server's CPU. At most one lane a core: more would not run faster, and each
 * platform thread keeps I/O buffers of its own.
 */
final class UploadLanes {
    /** Declared ciphertext from which an upload is worth a thread of its own. */
    static final long MIN_CONTENT = 64L << 20;
    /** What a lane reads from its socket at once (FrameDeadlineInputStream#readAhead): one buffer a core. */
    static final int READ_AHEAD = 256 * 1024;

    /** The rest of a connection's service: true when the peer closed, false after a 1607. */
    @FunctionalInterface
    interface Service {
        boolean serve();
    }

    private final Semaphore lanes;

    UploadLanes(int lanes) {
        this.lanes = new Semaphore(lanes);
    }

    static UploadLanes perCore() {
        return new UploadLanes(Runtime.getRuntime().availableProcessors());
    }

    /** True when the connection that was just served {@code request} streams a large upload on a virtual thread. */
    static boolean wants(Request request, ConnectionSession session) {
        return Thread.currentThread().isVirtual() && request.payload() instanceof FilePacket p
                && p.contentSize() >= MIN_CONTENT && session.current().filter(u -> !u.complete()).isPresent();
    }

    /** Runs {@code service} on a platform thread and waits for its result; empty, without running it, when every lane is taken. */
    Optional<Boolean> serve(Service service) {
        if (!lanes.tryAcquire()) {
            return Optional.empty();
        }
        try {
            Lane lane = new Lane(service);
            Thread t = Thread.ofPlatform().name("upload-lane").daemon(true).start(lane);
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    // the lane ends with its connection, which the server's stop closes
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(lane.result());
        } finally {
            lanes.release();
        }
    }

    private static final class Lane implements Runnable {
        private final Service service;
        private boolean result;
        private Throwable failure;

        Lane(Service service) {
            this.service = service;
        }

        @Override
        public void run() {
            try {
                result = service.serve();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        boolean result() {
            switch (failure) {
                case null -> {
                    return result;
                }
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }
}
