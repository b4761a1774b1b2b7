package dropvault.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Every body reads back as written; any bytes at all read back or fail with MalformedBodyException, nothing else. */
class BodyProperties {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(300).filter(s -> s.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length <= Body.MAX_TEXT && s.chars().noneMatch(
                c -> Character.isSurrogate((char) c)));
    }

    @Provide
    Arbitrary<FileRow> rows() {
        Arbitrary<Boolean> known = Arbitraries.of(true, false);
        return Combinators.combine(names(), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                known, known, Arbitraries.longs().between(-1L << 40, 1L << 42)).as((n, v, size, ck, k, c, ms) ->
                new FileRow(n, v, k ? size : FileRow.UNKNOWN, k ? ck : FileRow.UNKNOWN, c, Instant.ofEpochMilli(ms)));
    }

    @Property(tries = 200)
    void listsReadBackPageByPage(@ForAll @Size(max = 400) List<@net.jqwik.api.From("rows") FileRow> rows)
            throws Exception {
        List<ListingPage> pages = ListingPage.of(rows);
        List<FileRow> back = new java.util.ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            byte[] body = pages.get(i).encode();
            assert body.length <= RetrievalCodes.PAGE_SIZE || pages.get(i).rows().size() == 1;
            ListingPage p = ListingPage.decode(body);
            assertEquals(i == pages.size() - 1, p.last());
            back.addAll(p.rows());
        }
        assertEquals(rows, back);
    }

    @Property
    void requestsHeadersAndAnswersReadBack(@ForAll("names") String name, @ForAll long anyVersion,
                                           @ForAll long anySize, @ForAll long anyCksum) throws Exception {
        long version = Math.floorMod(anyVersion, 0x1_0000_0000L);
        long size = anySize & Long.MAX_VALUE;
        long cksum = Math.floorMod(anyCksum, 0x1_0000_0000L);
        ContentRequest r = new ContentRequest(name, version);
        assertEquals(r, ContentRequest.decode(r.encode()));
        ContentHeader h = new ContentHeader(name, version, size, cksum, Instant.ofEpochMilli(anySize % 1_000_000_000L));
        assertEquals(h, ContentHeader.decode(h.encode()));
        Restored d = new Restored(name, version, cksum);
        assertEquals(d, Restored.decode(d.encode()));
        for (NotAvailable.Reason reason : NotAvailable.Reason.values()) {
            NotAvailable n = new NotAvailable(reason, name, version);
            assertEquals(n, NotAvailable.decode(n.encode()));
        }
    }

    @Property(tries = 2000)
    void anyBytesDecodeOrAreRefusedAsMalformed(@ForAll @Size(max = 600) byte[] bytes) {
        for (Decoder d : List.<Decoder>of(ListingPage::decode, ContentRequest::decode, ContentHeader::decode,
                Restored::decode, NotAvailable::decode)) {
            try {
                d.decode(bytes);
            } catch (MalformedBodyException expected) {
                // refused with a reason: what a peer's garbage must get
            }
        }
    }

    @Property
    void aCutBodyIsRefused(@ForAll("names") String name, @ForAll("cut") int cut) {
        byte[] whole = new ContentHeader(name, 1, 2, 3, Instant.EPOCH).encode();
        byte[] shorter = java.util.Arrays.copyOf(whole, Math.min(cut, whole.length - 1));
        assertThrows(MalformedBodyException.class, () -> ContentHeader.decode(shorter));
        byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1 + cut % 7);
        assertThrows(MalformedBodyException.class, () -> ContentHeader.decode(longer));
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, 2000);
    }

    private interface Decoder {
        Object decode(byte[] body) throws MalformedBodyException;
    }
}
