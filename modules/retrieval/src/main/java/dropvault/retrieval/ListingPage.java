package dropvault.retrieval;

import java.util.ArrayList;
import java.util.List;

/** The body of one {@link RetrievalCodes#FILES}: up to {@link RetrievalCodes#PAGE_SIZE} bytes of rows, and whether it is the last page. */
public record ListingPage(List<FileRow> rows, boolean last) {
    public ListingPage {
        rows = List.copyOf(rows);
    }

    /** {@code rows} cut into pages in order; at least one page, the last marked. */
    public static List<ListingPage> of(List<FileRow> rows) {
        List<ListingPage> pages = new ArrayList<>();
        List<FileRow> page = new ArrayList<>();
        int bytes = 5;
        for (FileRow r : rows) {
            if (bytes + r.encodedSize() > RetrievalCodes.PAGE_SIZE && !page.isEmpty()) {
                pages.add(new ListingPage(page, false));
                page = new ArrayList<>();
                bytes = 5;
            }
            page.add(r);
            bytes += r.encodedSize();
        }
        pages.add(new ListingPage(page, true));
        return pages;
    }

    public byte[] encode() {
        int size = 5 + rows.stream().mapToInt(FileRow::encodedSize).sum();
        Body b = Body.writing(size).u8(last ? 1 : 0).u32(rows.size());
        rows.forEach(r -> r.writeTo(b));
        return b.bytes();
    }

    public static ListingPage decode(byte[] body) throws MalformedBodyException {
        Body b = Body.reading(body);
        int last = b.readU8();
        if (last > 1) {
            throw new MalformedBodyException("a last-page flag of " + last);
        }
        long count = b.readU32();
        List<FileRow> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(FileRow.readFrom(b));
        }
        b.end();
        return new ListingPage(rows, last == 1);
    }
}
