package dropvault.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a small client file, as tolerant readers see them: LF or CRLF, anything from the
 * first NUL of a line on dropped, surrounding white space stripped, trailing empty lines dropped.
 */
public final class ClientFileText {
    /** No client file is anywhere near this; a larger one is not a client file. */
    static final int MAX_BYTES = 64 * 1024;

    private ClientFileText() {
    }

    public static List<String> lines(Path path) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(path + ": larger than " + MAX_BYTES + " bytes, not a client file");
        }
        return lines(new String(bytes, StandardCharsets.UTF_8));
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            int nul = line.indexOf('\0');
            lines.add((nul >= 0 ? line.substring(0, nul) : line).strip());
        }
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }
}
