package dropvault.client.internal;

import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The file to send: its size, taken once before the transfer, and its name on the wire (the base name). */
record LocalFile(Path path, long size, NameField wireName) {

    /** @throws IOException when it is not a readable regular file of at most 4 GiB - 17 bytes */
    static LocalFile of(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a folder, not a file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        if (!Files.isReadable(path)) {
            throw new IOException(path + ": not readable");
        }
        long size = Files.size(path);
        if (size > Protocol.MAX_FILE_SIZE) {
            throw new IOException(path + ": " + size + " bytes; the protocol carries at most "
                    + Protocol.MAX_FILE_SIZE + " (4 GiB - 17)");
        }
        Path base = path.getFileName();
        try {
            return new LocalFile(path, size, NameField.utf8(base.toString()));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": the file name does not fit the protocol's field: " + e.getMessage(), e);
        }
    }

    FileChannel open() throws LocalFileException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileException(path + ": cannot open: " + e.getMessage(), e);
        }
    }
}
