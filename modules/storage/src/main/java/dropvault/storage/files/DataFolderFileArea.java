package dropvault.storage.files;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.storage.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code files/<client id hex>/} under the data folder, every folder 0700 and every file 0600 whatever
 * the umask ({@link OwnerOnly}); temporary files start with {@link #TEMP_PREFIX}
 * and name the server that writes them ({@code .upload-HOST~PID-...}), so that a server starting on a
 * folder that several servers share removes only the leftovers of servers that are gone.
 */
public final class DataFolderFileArea implements FileArea {
    static final String FILES = "files";
    /** Safe names never start with a dot, so a temporary file never collides with a final one. */
    static final String TEMP_PREFIX = ".upload-";
    /** The folder of versions inside a client's folder: no safe name starts with a dot. */
    static final String VERSIONS = ".versions";
    private static final System.Logger LOG = System.getLogger(DataFolderFileArea.class.getName());

    private final Path dataDir;
    private final Path filesDir;
    private final UploadWriter writer;

    public DataFolderFileArea(Path dataDir) throws IOException {
        this(dataDir, UploadWriter.thisProcess());
    }

    DataFolderFileArea(Path dataDir, UploadWriter writer) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.filesDir = this.dataDir.resolve(FILES);
        this.writer = writer;
        OwnerOnly.createFolders(filesDir);
    }

    /**
     * Takes the permissions of the group and of others from the data folder and {@code files/} (an
     * earlier build made them 0755 under umask 022): nothing beneath is reachable without both.
     * Returns those it tightened.
     */
    public List<Path> tighten() throws IOException {
        List<Path> tightened = new ArrayList<>();
        for (Path p : List.of(dataDir, filesDir)) {
            if (OwnerOnly.tighten(p)) {
                tightened.add(p);
            }
        }
        return tightened;
    }

    /** The client's folder, created when missing. */
    Path clientFolder(ClientId clientId) throws IOException {
        Path folder = filesDir.resolve(clientId.hex());
        OwnerOnly.createFolders(folder);
        return folder;
    }

    /** A new, empty temporary file in the client's folder that no final name can collide with. */
    Path newTemporaryFile(ClientId clientId) throws IOException {
        Path folder = clientFolder(clientId);
        return Files.createTempFile(folder, TEMP_PREFIX + writer.tag(), ".part",
                OwnerOnly.fileAttributes(folder));
    }

    @Override
    public UploadTarget newUpload(ClientId clientId) throws IOException {
        return new LocalUpload(newTemporaryFile(clientId));
    }

    @Override
    public UploadTarget copyOf(ClientId clientId, String pathName) throws IOException {
        Path copy = newTemporaryFile(clientId);
        Files.delete(copy);
        secondName(resolve(pathName), copy);
        return new LocalUpload(copy);
    }

    @Override
    public String target(ClientId clientId, NameField wireName) throws IOException {
        Path folder = clientFolder(clientId);
        Path target = folder.resolve(safeName(wireName)).normalize();
        if (!folder.equals(target.getParent())) {
            throw new IOException("file name " + wireName + " leaves the client's folder");
        }
        return relativePath(target);
    }

    /** {@code path} relative to the data folder, with {@code /} separators, as the store records it. */
    String relativePath(Path path) {
        Path relative = dataDir.relativize(path.toAbsolutePath().normalize());
        if (relative.startsWith("..")) {
            throw new IllegalArgumentException(path + " is outside the data folder");
        }
        return relative.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    @Override
    public String keepAsVersion(String pathName, Instant now) throws IOException {
        Path target = resolve(pathName);
        Path folder = target.getParent().resolve(VERSIONS);
        OwnerOnly.createFolders(folder);
        String stem = SafeFileName.versionOf(target.getFileName().toString(), now);
        Path candidate = folder.resolve(stem);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = folder.resolve(stem + "-" + n);
        }
        secondName(target, candidate);
        return relativePath(candidate);
    }

    /** A hard link to {@code existing} at {@code name}; a copy where links are not supported. */
    private static void secondName(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, name, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    @Override
    public void putInPlace(UploadTarget upload, String pathName) throws IOException {
        moveIntoPlace(localFile(upload), resolve(pathName));
    }

    @Override
    public void takeBack(String pathName, UploadTarget upload) throws IOException {
        Files.move(resolve(pathName), localFile(upload), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void putBack(String versionPathName, String pathName) throws IOException {
        Path version = resolve(versionPathName);
        moveIntoPlace(version, resolve(pathName));
        try {
            Files.deleteIfExists(version.getParent());
        } catch (IOException e) {
            // not empty (earlier versions live there), or not removable: it stays
        }
    }

    @Override
    public boolean exists(String pathName) throws IOException {
        return Files.exists(resolve(pathName), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void delete(String pathName) throws IOException {
        Files.deleteIfExists(resolve(pathName));
    }

    private static Path localFile(UploadTarget upload) {
        return upload.localFile().orElseThrow(() -> new IllegalArgumentException(
                "an upload of another file area: " + upload));
    }

    /** Moves {@code from} to {@code to} atomically, replacing what is there, and forces the move to disk. */
    private static void moveIntoPlace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(to.getParent());
    }

    /** The path of a path name the store recorded, refused when it leaves the data folder's files. */
    Path resolve(String pathName) throws IOException {
        Path path = dataDir.resolve(pathName).normalize();
        if (!path.startsWith(filesDir)) {
            throw new IOException(pathName + " is not inside " + filesDir);
        }
        return path;
    }

    @Override
    public InputStream read(String pathName) throws IOException {
        return Files.newInputStream(resolve(pathName), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Instant written(String pathName) throws IOException {
        return Files.getLastModifiedTime(resolve(pathName)).toInstant();
    }

    @Override
    public long size(String pathName) throws IOException {
        return Files.size(resolve(pathName));
    }

    @Override
    public int deleteClient(ClientId clientId) throws IOException {
        Path own = filesDir.resolve(clientId.hex());
        int removed = 0;
        if (Files.isDirectory(own, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(own)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && !p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        removed++;
                    }
                    Files.delete(p);
                }
            }
        }
        return removed;
    }

    /** An upload into a temporary file of the client's folder. */
    private record LocalUpload(Path file) implements UploadTarget {
        @Override
        public Optional<Path> localFile() {
            return Optional.of(file);
        }

        @Override
        public WritableByteChannel channel() throws IOException {
            return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Makes a rename durable: fsync of the folder that holds it (a no-op where folders cannot be opened). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot fsync folder " + dir + ": " + e);
        }
    }

    /**
     * Deletes temporary files left by a crash; returns how many. A file of this host goes when the
     * process that wrote it is gone (or is this one, which has written nothing yet); a file of
     * another host (a shared folder) only once nothing wrote to it for {@code staleAfter}: its
     * server may still be uploading it. A file without a writer's name (an older server) goes.
     */
    @Override
    public int removeLeftovers(Duration staleAfter) throws IOException {
        int removed = 0;
        long staleBefore = System.currentTimeMillis() - staleAfter.toMillis();
        try (DirectoryStream<Path> clients = Files.newDirectoryStream(filesDir, Files::isDirectory)) {
            for (Path client : clients) {
                try (DirectoryStream<Path> temps = Files.newDirectoryStream(client, TEMP_PREFIX + "*")) {
                    for (Path t : temps) {
                        if (isLeftover(t.getFileName().toString(), t, staleBefore) && Files.deleteIfExists(t)) {
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    private boolean isLeftover(String name, Path file, long staleBefore) throws IOException {
        return writer.leftBehind(name.substring(TEMP_PREFIX.length()),
                Files.getLastModifiedTime(file).toMillis() < staleBefore);
    }
}
