package dropvault.client;

import dropvault.client.internal.ClientFileText;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code transfer.info}: the server's {@code host:port}, the client's name, the path of the file to
 * send. Read as the original client writes it and as peers in the wild do (CRLF, trailing NULs).
 */
public record TransferInfo(ServerAddress server, String name, String file) {

    public static final String FILE_NAME = "transfer.info";
    public TransferInfo {
        if (name.isEmpty() || name.length() > NameField.MAX_LENGTH) {
            throw new IllegalArgumentException("a name takes 1 to " + NameField.MAX_LENGTH + " characters, not "
                    + name.length());
        }
        if (file.isEmpty()) {
            throw new IllegalArgumentException("no file to send");
        }
    }

    /**
     * Reads a transfer.info.
     *
     * @throws IOException when it cannot be read or does not hold the three lines
     */
    public static TransferInfo read(Path path) throws IOException {
        List<String> lines = ClientFileText.lines(path);
        if (lines.size() < 3) {
            throw new IOException(path + ": expected 3 lines (host:port, name, file), found " + lines.size());
        }
        try {
            return new TransferInfo(ServerAddress.parse(lines.get(0)), lines.get(1), lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }
}
