package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.server.spi.FileArea;
import java.io.IOException;
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

/** {@code files/<client id hex>/} under the data folder; temporary files start with {@link #TEMP_PREFIX}. */
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

    public DataFolderFileArea(Path dataDir) throws IOException {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.filesDir = this.dataDir.resolve(FILES);
        Files.createDirectories(filesDir);
    }

    @Override
    public Path clientFolder(ClientId clientId) throws IOException {
        Path folder = filesDir.resolve(clientId.hex());
        Files.createDirectories(folder);
        return folder;
    }

    @Override
    public Path newTemporaryFile(ClientId clientId) throws IOException {
        return Files.createTempFile(clientFolder(clientId), TEMP_PREFIX, ".part");
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
        Files.createDirectories(folder);
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

    /** Makes a rename durable: fsync of the folder that holds it (a no-op where folders cannot be opened). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot fsync folder " + dir + ": " + e);
        }
    }

    /** Deletes temporary files left by a crash; returns how many. */
    public int removeLeftovers() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> clients = Files.newDirectoryStream(filesDir, Files::isDirectory)) {
            for (Path client : clients) {
                try (DirectoryStream<Path> temps = Files.newDirectoryStream(client, TEMP_PREFIX + "*")) {
                    for (Path t : temps) {
                        Files.deleteIfExists(t);
                        removed++;
                    }
                }
            }
        }
        return removed;
    }
}
