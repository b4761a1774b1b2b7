package dropvault.files.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object written as it comes: bytes fill a part buffer; a full buffer is uploaded as the next
 * part while the next one fills. At most {@link S3Settings#partsInMemory()} buffers exist: when all
 * are taken, a write waits for the oldest upload. Buffers come from the store's {@link PartMemory}:
 * the first one starts at {@link #FIRST_BUFFER} bytes and doubles as it fills, up to the part size (a
 * small file holds little), a further one is taken only when the memory is free (else the writer
 * waits for its own part on its way), and all go back when the writer completes or aborts. The multipart upload begins with the first full
 * part: an object that fits one part (most files) is one PutObject at {@link #complete()}, and one
 * dropped before that costs the store nothing. {@link #complete()} makes the object; {@link #abort()},
 * or {@link #close()} before {@code complete()}, leaves none. Not safe for use by several threads.
 */
public final class MultipartWriter extends OutputStream {
    private enum State { OPEN, COMPLETED, ABORTED }

    static final int FIRST_BUFFER = 64 * 1024;

    /** A part on its way: its buffer comes back once the upload is over. */
    private record Upload(int partNumber, byte[] buffer, Future<String> etag) {
    }

    private final S3Client s3;
    private final ExecutorService uploads;
    private final Failures failures;
    private final PartMemory memory;
    private final String bucket;
    private final String objectKey;
    /** Null until the first part goes: no multipart upload exists before. */
    private String uploadId;
    private final int partSize;
    private final int maxBuffers;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final ArrayDeque<Upload> inFlight = new ArrayDeque<>();
    private final List<CompletedPart> done = new ArrayList<>();
    private int buffersAllocated;
    /** Bytes of this writer's buffers, taken from {@link #memory}. */
    private long held;
    private byte[] current;
    private int filled;
    private int nextPart = 1;
    private long written;
    private State state = State.OPEN;
    private boolean abortAnswered;

    MultipartWriter(S3Client s3, ExecutorService uploads, Failures failures, PartMemory memory, S3Settings settings,
                    String objectKey) {
        this.s3 = s3;
        this.uploads = uploads;
        this.failures = failures;
        this.memory = memory;
        this.bucket = settings.bucket();
        this.objectKey = objectKey;
        this.partSize = settings.partSize();
        this.maxBuffers = settings.partsInMemory();
    }

    /** The multipart upload's id; empty before the first part went. */
    public Optional<String> uploadId() {
        return Optional.ofNullable(uploadId);
    }

    /** Bytes written so far. */
    public long size() {
        return written;
    }

    /** Part buffers this writer has made: never more than {@link S3Settings#partsInMemory()}. */
    public int buffersAllocated() {
        return buffersAllocated;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        requireOpen();
        while (len > 0) {
            if (current == null) {
                current = takeBuffer();
            } else if (filled == current.length) {
                grow();
            }
            int n = Math.min(len, current.length - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            written += n;
            off += n;
            len -= n;
            if (filled == partSize) {
                sendCurrent();
            }
        }
    }

    /**
     * Uploads what is left as the last part, waits for every part and makes the object; returns its
     * size. On failure nothing is left behind (the upload is aborted, as far as the store answers).
     */
    public long complete() throws IOException {
        requireOpen();
        try {
            if (uploadId == null) {
                // what fits one part (nothing included) is one plain PUT
                byte[] bytes = current == null ? new byte[0] : current;
                int length = filled;
                s3.putObject(r -> r.bucket(bucket).key(objectKey).contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                                "application/octet-stream"));
                state = State.COMPLETED;
                releaseMemory();
                failures.answered();
                return written;
            }
            if (filled > 0) {
                sendCurrent();
            }
            while (!inFlight.isEmpty()) {
                finishOldest();
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
            state = State.COMPLETED;
            releaseMemory();
            return written;
        } catch (RuntimeException e) {
            abortQuietly();
            throw failures.of("complete " + objectKey, e);
        } catch (IOException e) {
            abortQuietly();
            throw e;
        }
    }

    /**
     * Drops the upload: the parts sent so far are discarded and no object appears. After an abort the
     * store did not answer, calling it again asks the store again.
     */
    public void abort() throws IOException {
        if (state == State.COMPLETED || abortAnswered) {
            return;
        }
        if (state == State.OPEN) {
            state = State.ABORTED;
            drainInFlight();
            releaseMemory();
        }
        if (uploadId == null) {
            abortAnswered = true;
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
            abortAnswered = true;
        } catch (RuntimeException e) {
            ObjectStoreException failure = failures.of("abort the upload of " + objectKey, e);
            if (failure.isNotFound()) {
                abortAnswered = true;
                return;
            }
            // the caller may try again; the start-up sweep removes what is left in the store
            throw failure;
        }
    }

    /** Aborts an upload that was not completed. */
    @Override
    public void close() throws IOException {
        abort();
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("the upload of " + objectKey + " is already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private byte[] takeBuffer() throws IOException {
        reclaimFinished();
        if (!free.isEmpty()) {
            return free.pop();
        }
        if (buffersAllocated == 0) {
            int size = Math.min(FIRST_BUFFER, partSize);
            memory.take(size);
            held += size;
            buffersAllocated++;
            return new byte[size];
        }
        if (buffersAllocated < maxBuffers && memory.tryTake(partSize)) {
            held += partSize;
            buffersAllocated++;
            return new byte[partSize];
        }
        if (inFlight.isEmpty()) {
            // every buffer of this writer went back to the memory (an earlier writer's state cannot be here)
            throw new IllegalStateException("no buffer and no part on its way");
        }
        finishOldest();
        return free.pop();
    }

    /** Doubles the filling buffer (up to the part size) with memory taken for it. */
    private void grow() throws IOException {
        int size = (int) Math.min((long) current.length * 2, partSize);
        memory.take(size - current.length);
        held += size - current.length;
        current = Arrays.copyOf(current, size);
    }

    /** Gives every buffer's bytes back; the writer holds none after. */
    private void releaseMemory() {
        memory.give(held);
        held = 0;
        free.clear();
        current = null;
    }

    private void sendCurrent() throws IOException {
        if (nextPart > S3Settings.MAX_PARTS) {
            throw new IOException("the upload of " + objectKey + " needs more than " + S3Settings.MAX_PARTS
                    + " parts: raise the part size");
        }
        if (uploadId == null) {
            try {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(objectKey)).uploadId();
            } catch (RuntimeException e) {
                throw failures.of("begin the upload of " + objectKey, e);
            }
        }
        int partNumber = nextPart++;
        byte[] buffer = current;
        int length = filled;
        current = null;
        filled = 0;
        Future<String> etag = uploads.submit(() -> s3.uploadPart(r -> r.bucket(bucket).key(objectKey)
                        .uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
                // a new stream over the buffer for each attempt, so a retry sends the same bytes without a copy
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                        "application/octet-stream")).eTag());
        inFlight.add(new Upload(partNumber, buffer, etag));
    }

    /** Takes back the buffers of uploads already over, oldest first, so a failure surfaces at the next write. */
    private void reclaimFinished() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peek().etag().isDone()) {
            finishOldest();
        }
    }

    private void finishOldest() throws IOException {
        Upload oldest = inFlight.poll();
        try {
            String etag = oldest.etag().get();
            done.add(CompletedPart.builder().partNumber(oldest.partNumber()).eTag(etag).build());
            free.push(oldest.buffer());
        } catch (ExecutionException e) {
            abortQuietly();
            if (e.getCause() instanceof RuntimeException r) {
                throw failures.of("upload part " + oldest.partNumber() + " of " + objectKey, r);
            }
            throw new IOException("upload part " + oldest.partNumber() + " of " + objectKey, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortQuietly();
            throw new java.io.InterruptedIOException("interrupted uploading " + objectKey);
        }
    }

    /** Waits for the parts still on their way, whatever their end: after an abort none may land later. */
    private void drainInFlight() {
        for (Upload u : inFlight) {
            try {
                u.etag().get();
            } catch (ExecutionException | CancellationException e) {
                // the upload is being dropped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight.clear();
        current = null;
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (IOException e) {
            // the first failure is the one reported; the sweep removes the rest
        }
    }
}
