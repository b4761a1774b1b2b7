package dropvault.files.s3;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.SafeFileName;
import dropvault.storage.files.UploadTarget;
import dropvault.storage.files.UploadWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The file area in an object store: path names are keys ({@code files/<client id hex>/<safe name>}, under
 * the store's prefix). An upload streams into a multipart upload of a temporary key
 * ({@code files/<hex>/.upload-...}) that completes when its bytes end; keeping it copies it to its name
 * inside the store and deletes the temporary key, so nothing appears under a name before it is kept; a
 * version is a server-side copy ({@code files/<hex>/.versions/<safe name>@<UTC time>}). A temporary key
 * names its writer ({@code .upload-<host>~<pid>-<random>}), so that a restarted server removes at once
 * what it left and leaves alone what live servers write.
 */
public final class S3FileArea implements FileArea {
    static final String FILES = "files/";
    static final String TEMP_PREFIX = ".upload-";
    static final String VERSIONS = ".versions/";

    /** Removals kept for a store that does not answer; beyond them, the start-up sweep removes what is left. */
    static final int MAX_REMOVALS_LATER = 10_000;

    private final ObjectStore store;
    private final UploadWriter writer;
    private final Clock clock;
    private final Queue<Removal> removalsLater = new ConcurrentLinkedQueue<>();

    /** Removing what an upload left (a temporary key, a multipart upload), tried again when the store did not answer. */
    @FunctionalInterface
    private interface Removal {
        void run() throws IOException;
    }

    public S3FileArea(ObjectStore store) {
        this(store, UploadWriter.thisProcess(), Clock.systemUTC());
    }

    /** With the writer its temporary keys name and the clock that judges their age at {@link #removeLeftovers}. */
    S3FileArea(ObjectStore store, UploadWriter writer, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    private static String clientPart(ClientId clientId) {
        return FILES + clientId.hex() + "/";
    }

    @Override
    public UploadTarget newUpload(ClientId clientId) {
        retryRemovals();
        return new ObjectUpload(clientPart(clientId) + TEMP_PREFIX + writer.tag() + UUID.randomUUID(), false);
    }

    @Override
    public UploadTarget copyOf(ClientId clientId, String pathName) throws IOException {
        ObjectUpload copy = (ObjectUpload) newUpload(clientId);
        copy.completed = true;
        copy.objectMayExist = true;
        store.copy(checked(pathName), copy.key);
        return copy;
    }

    @Override
    public String target(ClientId clientId, NameField wireName) {
        return clientPart(clientId) + safeName(wireName);
    }

    @Override
    public String keepAsVersion(String pathName, Instant now) throws IOException {
        int slash = checked(pathName).lastIndexOf('/');
        String stem = pathName.substring(0, slash + 1) + VERSIONS
                + SafeFileName.versionOf(pathName.substring(slash + 1), now);
        String candidate = stem;
        for (int n = 2; exists(candidate); n++) {
            candidate = stem + "-" + n;
        }
        store.copy(pathName, candidate);
        return candidate;
    }

    @Override
    public void putInPlace(UploadTarget upload, String pathName) throws IOException {
        ObjectUpload u = ours(upload);
        u.complete();
        store.copy(u.key, checked(pathName));
        // the content is in place: a temporary key the store does not remove now is removed later
        removeOrLater(() -> store.delete(u.key));
        retryRemovals();
    }

    /** Runs {@code removal}; when the store does not answer, keeps it for {@link #retryRemovals}. */
    private void removeOrLater(Removal removal) throws IOException {
        try {
            removal.run();
        } catch (ObjectStoreException e) {
            if (!e.isUnreachable()) {
                throw e;
            }
            if (removalsLater.size() < MAX_REMOVALS_LATER) {
                removalsLater.add(removal);
            }
        }
    }

    /** Tries the removals the store did not answer before, oldest first, until one fails again. */
    private void retryRemovals() {
        for (int left = removalsLater.size(); left > 0; left--) {
            Removal r = removalsLater.poll();
            if (r == null) {
                return;
            }
            try {
                r.run();
            } catch (IOException e) {
                removalsLater.add(r);
                return;
            }
        }
    }

    /** Removals waiting for the store to answer again. */
    int removalsWaiting() {
        return removalsLater.size();
    }

    @Override
    public void takeBack(String pathName, UploadTarget upload) throws IOException {
        ObjectUpload u = ours(upload);
        u.completed = true;
        u.objectMayExist = true;
        store.copy(checked(pathName), u.key);
        store.delete(pathName);
    }

    @Override
    public void putBack(String versionPathName, String pathName) throws IOException {
        store.copy(checked(versionPathName), checked(pathName));
        store.delete(versionPathName);
    }

    @Override
    public boolean exists(String pathName) throws IOException {
        try {
            store.size(checked(pathName));
            return true;
        } catch (ObjectStoreException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(String pathName) throws IOException {
        store.delete(checked(pathName));
    }

    @Override
    public InputStream read(String pathName) throws IOException {
        return ofRecorded(pathName, store::read);
    }

    @Override
    public Instant written(String pathName) throws IOException {
        return ofRecorded(pathName, store::lastModified);
    }

    @Override
    public long size(String pathName) throws IOException {
        return ofRecorded(pathName, store::size);
    }

    /** What the store says of the object of a path name; one that is not there is a {@link NoSuchFileException}. */
    private static <T> T ofRecorded(String pathName, Lookup<T> lookup) throws IOException {
        try {
            return lookup.of(checked(pathName));
        } catch (ObjectStoreException e) {
            if (e.isNotFound()) {
                NoSuchFileException missing = new NoSuchFileException(pathName);
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Lookup<T> {
        T of(String key) throws ObjectStoreException;
    }

    @Override
    public int deleteClient(ClientId clientId) throws IOException {
        String part = clientPart(clientId);
        List<String> keys = store.list(part);
        for (String key : keys) {
            store.delete(key);
        }
        for (PendingUpload u : store.pendingUploads()) {
            if (u.key().startsWith(part)) {
                store.abort(u);
            }
        }
        return (int) keys.stream().filter(k -> !isTemporary(k)).count();
    }

    /**
     * The start-up sweep; returns how many it removed. Multipart uploads and temporary keys of
     * uploads go when {@link UploadWriter#leftBehind} says so (those of a gone process of this host at
     * once, another host's once older than {@code staleAfter}); other unfinished multipart uploads (a
     * copy in parts cut short) once older than {@code staleAfter}.
     */
    @Override
    public int removeLeftovers(Duration staleAfter) throws IOException {
        Instant staleBefore = clock.instant().minus(staleAfter);
        int removed = 0;
        for (PendingUpload u : store.pendingUploads()) {
            if (leftBehind(u.key(), u.initiated().isBefore(staleBefore))) {
                store.abort(u);
                removed++;
            }
        }
        for (String key : store.list(FILES)) {
            if (isTemporary(key) && leftBehind(key, store.lastModified(key).isBefore(staleBefore))) {
                store.delete(key);
                removed++;
            }
        }
        return removed;
    }

    private boolean leftBehind(String key, boolean stale) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return isTemporary(key) ? writer.leftBehind(name.substring(TEMP_PREFIX.length()), stale) : stale;
    }

    private static boolean isTemporary(String key) {
        return key.startsWith(FILES) && key.substring(key.lastIndexOf('/') + 1).startsWith(TEMP_PREFIX);
    }

    @Override
    public void close() {
        store.close();
    }

    /** A path name this area could have made: under {@code files/}, no empty, dot or dot-dot segment. */
    private static String checked(String pathName) throws IOException {
        if (!pathName.startsWith(FILES)) {
            throw new IOException(pathName + " is not a file's path name");
        }
        for (String segment : pathName.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IOException(pathName + " is not a file's path name");
            }
        }
        return pathName;
    }

    private static ObjectUpload ours(UploadTarget upload) {
        if (upload instanceof ObjectUpload u) {
            return u;
        }
        throw new IllegalArgumentException("an upload of another file area: " + upload);
    }

    /** An upload into a multipart upload of a temporary key, completed when its channel closes. */
    private final class ObjectUpload implements UploadTarget {
        final String key;
        private MultipartWriter writer;
        /** The temporary object is made (or being made): the upload takes no more bytes. */
        boolean completed;
        /** An object may be at the key: discarding deletes it. */
        boolean objectMayExist;

        ObjectUpload(String key, boolean completed) {
            this.key = key;
            this.completed = completed;
        }

        @Override
        public Optional<Path> localFile() {
            return Optional.empty();
        }

        @Override
        public WritableByteChannel channel() throws IOException {
            if (writer != null || completed) {
                throw new IllegalStateException("the channel of " + key + " was opened already");
            }
            writer = store.upload(key);
            OutputStream completing = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    writer.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writer.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    complete();
                }
            };
            return Channels.newChannel(completing);
        }

        /** Makes the temporary object of what was written (an empty one when nothing was). */
        void complete() throws IOException {
            if (completed) {
                return;
            }
            if (writer == null) {
                writer = store.upload(key);
            }
            objectMayExist = true;
            writer.complete();
            completed = true;
        }

        @Override
        public void discard() throws IOException {
            if (writer != null && !completed) {
                try {
                    writer.abort();
                } catch (ObjectStoreException e) {
                    if (!e.isUnreachable()) {
                        throw e;
                    }
                    // the writer gave up on it: the store must abort it still
                    PendingUpload pending = new PendingUpload(key, writer.uploadId().orElseThrow(), clock.instant());
                    removeOrLater(() -> store.abort(pending));
                }
            }
            completed = true;
            if (objectMayExist) {
                removeOrLater(() -> store.delete(key));
            }
        }

        @Override
        public String toString() {
            return key;
        }
    }
}
