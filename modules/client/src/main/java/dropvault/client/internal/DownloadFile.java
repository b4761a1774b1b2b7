package dropvault.client.internal;

import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a download goes: a hidden temporary file beside the target, which takes the target's name only
 * once the content is complete and checked. Whatever happens before, nothing appears under the target
 * name, and an existing file there is replaced only when asked.
 */
public final class DownloadFile implements AutoCloseable {
    private final Path target;
    private final boolean replace;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    private DownloadFile(Path target, boolean replace, Path temporary, FileChannel channel) {
        this.target = target;
        this.replace = replace;
        this.temporary = temporary;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** A download to {@code target}; refused at once when it exists and {@code replace} is false. */
    public static DownloadFile to(Path target, boolean replace) throws UploadException {
        Path t = target.toAbsolutePath();
        if (!replace && Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UploadException(Failure.LOCAL_FILE, t + " exists; --force replaces it");
        }
        if (Files.isDirectory(t)) {
            throw new UploadException(Failure.LOCAL_FILE, t + " is a folder");
        }
        try {
            Path temporary = Files.createTempFile(t.getParent(), "." + t.getFileName() + ".", ".part");
            return new DownloadFile(t, replace, temporary, FileChannel.open(temporary, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UploadException(Failure.LOCAL_FILE, "cannot write beside " + t + ": " + e.getMessage(), e);
        }
    }

    public OutputStream out() {
        return out;
    }

    /** The content is complete and checked: it goes to disk and takes the target's name. */
    public void complete() throws UploadException {
        try {
            out.flush();
            channel.force(true);
            channel.close();
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // a second name then the first removed: fails, replacing nothing, when the target appeared meanwhile
                Files.createLink(target, temporary);
                Files.delete(temporary);
            }
            done = true;
        } catch (FileAlreadyExistsException e) {
            throw new UploadException(Failure.LOCAL_FILE, target + " exists; --force replaces it", e);
        } catch (UnsupportedOperationException e) {
            moveWithoutLinks();
        } catch (IOException e) {
            throw new UploadException(Failure.LOCAL_FILE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Where the file system has no hard links: a move that refuses an existing target. */
    private void moveWithoutLinks() throws UploadException {
        try {
            Files.move(temporary, target);
            done = true;
        } catch (IOException e) {
            throw new UploadException(Failure.LOCAL_FILE, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the temporary file unless the download completed. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the file is removed below all the same
        }
        if (!done) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a hidden .part file is left beside the target, never the target itself
            }
        }
    }
}
