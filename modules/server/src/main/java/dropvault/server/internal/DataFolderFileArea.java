package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.server.spi.FileArea;
import dropvault.storage.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    public static final String VERSIONS = ".versions";
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final System.Logger LOG = System.getLogger(DataFolderFileArea.class.getName());

    private final Path dataDir;
    private final Path filesDir;
    private final String host;
    private final long pid;

    public DataFolderFileArea(Path dataDir) throws IOException {
        this(dataDir, LocalHost.name(), ProcessHandle.current().pid());
    }

    DataFolderFileArea(Path dataDir, String host, long pid) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.filesDir = this.dataDir.resolve(FILES);
        this.host = host;
        this.pid = pid;
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

    @Override
    public Path clientFolder(ClientId clientId) throws IOException {
        Path folder = filesDir.resolve(clientId.hex());
        OwnerOnly.createFolders(folder);
        return folder;
    }

    @Override
    public Path newTemporaryFile(ClientId clientId) throws IOException {
        Path folder = clientFolder(clientId);
        return Files.createTempFile(folder, TEMP_PREFIX + host + "~" + pid + "-", ".part",
                OwnerOnly.fileAttributes(folder));
    }

    @Override
    public Path target(ClientId clientId, NameField wireName) throws IOException {
        Path folder = clientFolder(clientId);
        Path target = folder.resolve(safeName(wireName)).normalize();
        if (!folder.equals(target.getParent())) {
            throw new IOException("file name " + wireName + " leaves the client's folder");
        }
        return target;
    }

    @Override
    public Path variant(Path target, int n) {
        return target.resolveSibling(SafeFileName.variant(target.getFileName().toString(), n));
    }

    @Override
    public String safeName(NameField wireName) {
        return SafeFileName.of(wireName.text());
    }

    @Override
    public String relativePath(Path path) {
        Path relative = dataDir.relativize(path.toAbsolutePath().normalize());
        if (relative.startsWith("..")) {
            throw new IllegalArgumentException(path + " is outside the data folder");
        }
        return relative.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    @Override
    public void moveIntoPlace(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    @Override
    public Path newVersionPath(Path target, Instant now) throws IOException {
        Path folder = target.getParent().resolve(VERSIONS);
        OwnerOnly.createFolders(folder);
        String stem = target.getFileName() + "@" + VERSION_TIME.format(now);
        Path candidate = folder.resolve(stem);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = folder.resolve(stem + "-" + n);
        }
        return candidate;
    }

    @Override
    public Path resolve(String relativePath) throws IOException {
        Path path = dataDir.resolve(relativePath).normalize();
        if (!path.startsWith(filesDir)) {
            throw new IOException(relativePath + " is not inside " + filesDir);
        }
        return path;
    }

    @Override
    public InputStream read(String relativePath) throws IOException {
        return Files.newInputStream(resolve(relativePath), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Instant written(String relativePath) throws IOException {
        return Files.getLastModifiedTime(resolve(relativePath)).toInstant();
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
        String rest = name.substring(TEMP_PREFIX.length());
        int tilde = rest.indexOf('~');
        int dash = tilde < 0 ? -1 : rest.indexOf('-', tilde);
        if (tilde < 0 || dash < 0) {
            return true;
        }
        String writerHost = rest.substring(0, tilde);
        long writerPid;
        try {
            writerPid = Long.parseLong(rest.substring(tilde + 1, dash));
        } catch (NumberFormatException e) {
            return true;
        }
        if (writerHost.equals(host)) {
            return writerPid == pid || ProcessHandle.of(writerPid).filter(ProcessHandle::isAlive).isEmpty();
        }
        return Files.getLastModifiedTime(file).toMillis() < staleBefore;
    }
}
