package dropvault.storage.files;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Reduces a file name from the wire to a safe base name: one path element that no file system
 * reads as a directory, a device or a hidden file, so a file can never land outside its folder.
 */
public final class SafeFileName {
    /** What a name that reduces to nothing becomes. */
    public static final String FALLBACK = "file";
    /** The most UTF-8 bytes a safe name takes (file systems allow 255). */
    public static final int MAX_BYTES = 200;
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "CONIN$", "CONOUT$", "CLOCK$");
    private static final String UNSAFE = "<>:\"|?*";

    private SafeFileName() {
    }

    public static String of(String wireName) {
        String base = lastElement(wireName);
        StringBuilder sb = new StringBuilder(base.length());
        base.codePoints().forEach(cp -> sb.appendCodePoint(isSafe(cp) ? cp : '_'));
        String name = strip(sb.toString());
        if (name.isEmpty()) {
            return FALLBACK;
        }
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (RESERVED.contains(stem.strip().toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        return shorten(name);
    }

    /**
     * The name a version of {@code safeName} kept at {@code keptAt} starts from ({@code <safe name>@<UTC time>});
     * a file area adds {@code -2}, {@code -3}, ... where two are kept in one millisecond.
     */
    public static String versionOf(String safeName, Instant keptAt) {
        return safeName + "@" + VERSION_TIME.format(keptAt);
    }

    /** {@link #variant} of a path name's last segment ({@code files/<hex>/x.txt} to {@code files/<hex>/x (2).txt}). */
    public static String variantOfPathName(String pathName, int n) {
        int slash = pathName.lastIndexOf('/');
        return pathName.substring(0, slash + 1) + variant(pathName.substring(slash + 1), n);
    }

    /**
     * The {@code n}th alternative of a safe name, for a name another file already takes:
     * {@code report.pdf} gives {@code report (2).pdf}. Still a safe name of at most {@link #MAX_BYTES}.
     */
    public static String variant(String safeName, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("variants are numbered from 2: " + n);
        }
        String suffix = " (" + n + ")";
        int dot = safeName.lastIndexOf('.');
        String ext = dot > 0 && safeName.length() - dot <= 16 ? safeName.substring(dot) : "";
        String stem = safeName.substring(0, safeName.length() - ext.length());
        return shorten(stem, MAX_BYTES - utf8Length(suffix + ext)) + suffix + ext;
    }

    /** The text after the last separator of either kind, and before any NUL. */
    private static String lastElement(String wireName) {
        int nul = wireName.indexOf('\0');
        String s = nul < 0 ? wireName : wireName.substring(0, nul);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(cut + 1);
    }

    private static boolean isSafe(int cp) {
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || UNSAFE.indexOf(cp) >= 0) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && cp != 0xFFFD;
    }

    /** Without leading dots and spaces (hidden files, {@code ..}) and trailing ones (Windows drops them). */
    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '.' || Character.isWhitespace(s.charAt(from)))) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '.' || Character.isWhitespace(s.charAt(to - 1)))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** At most {@link #MAX_BYTES} UTF-8 bytes, keeping a short extension. */
    private static String shorten(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        return shorten(stem, MAX_BYTES - utf8Length(ext)) + ext;
    }

    /** The longest prefix of {@code stem} within {@code budget} UTF-8 bytes, whole code points, stripped. */
    private static String shorten(String stem, int budget) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int len = utf8Length(new String(Character.toChars(cp)));
            if (used + len > budget) {
                break;
            }
            sb.appendCodePoint(cp);
            used += len;
            i += Character.charCount(cp);
        }
        return strip(sb.toString());
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
