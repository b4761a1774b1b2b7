package dropvault.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The client frames of {@code vectors/frames.json}, in the order of the conversation. */
final class Vectors {
    private static final Pattern FRAME = Pattern.compile(
            "\"from\"\\s*:\\s*\"(client|server)\"\\s*,\\s*\"what\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*\"hex\"\\s*:\\s*\"([0-9a-f]+)\"");

    private Vectors() {
    }

    static List<byte[]> clientFrames() throws IOException {
        Path file = Path.of(System.getProperty("dropvault.shared", "../../../shared"), "vectors", "frames.json");
        Matcher m = FRAME.matcher(Files.readString(file));
        List<byte[]> frames = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals("client")) {
                frames.add(HexFormat.of().parseHex(m.group(2)));
            }
        }
        if (frames.size() < 8) {
            throw new IOException("expected the client frames of a whole conversation in " + file + ", found "
                    + frames.size());
        }
        return frames;
    }
}
