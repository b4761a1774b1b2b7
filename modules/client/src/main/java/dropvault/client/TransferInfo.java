package dropvault.client;

import dropvault.client.internal.ClientFileText;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code transfer.info}: the server's {@code host:port}, the client's name, the path of the file to
 * send. Read as the original client writes it and as peers in the wild do (CRLF, trailing NULs). An
 * optional fourth line {@code tls} asks for TLS (the original client reads three lines and ignores it).
 */
public record TransferInfo(ServerAddress server, String name, String file, boolean tls) {

    /** The fourth line that asks for TLS. */
    public static final String TLS_LINE = "tls";

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

    /** The original three lines: no TLS. */
    public TransferInfo(ServerAddress server, String name, String file) {
        this(server, name, file, false);
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
        boolean tls = false;
        if (lines.size() > 3 && !lines.get(3).isBlank()) {
            if (!lines.get(3).strip().equals(TLS_LINE)) {
                throw new IOException(path + ": line 4 is '" + TLS_LINE + "' (the protocol inside TLS) or nothing, not '"
                        + lines.get(3).strip() + "'");
            }
            tls = true;
        }
        try {
            return new TransferInfo(ServerAddress.parse(lines.get(0)), lines.get(1), lines.get(2), tls);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }
}
