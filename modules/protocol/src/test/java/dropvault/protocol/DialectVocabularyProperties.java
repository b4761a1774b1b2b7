package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every combination of features reads back from its name (or, where a feature's label names a
 * combination, at least its features); the single-packet dialect is tried last.
 */
class DialectVocabularyProperties {

    @Provide
    Arbitrary<Set<DialectFeature>> features() {
        return Arbitraries.of(DialectFeature.class).set();
    }

    @Property
    void anyCombinationParsesBackFromItsName(@ForAll("features") Set<DialectFeature> features) {
        Set<DialectFeature> f = features.isEmpty() ? EnumSet.noneOf(DialectFeature.class) : EnumSet.copyOf(features);
        Dialect d = Dialect.of(f);
        Dialect back = Dialect.parse(" " + d.name().toUpperCase(java.util.Locale.ROOT) + " ").orElseThrow();
        assertTrue(back.features().containsAll(f), d.name() + " lost features: " + back.features());
        // a feature whose label is also a named combination of more features reads as that combination
        boolean labelNamesMore = f.stream().anyMatch(x -> Dialect.TRIED.stream()
                .anyMatch(n -> n.name().equals(x.label()) && !n.features().equals(EnumSet.of(x))));
        if (Dialect.TRIED.contains(d) || !labelNamesMore) {
            assertEquals(d, back, d.name());
        }
    }

    @Test
    void singlePacketIsTriedAfterEveryNamedCombination() {
        assertEquals(Dialect.NAMED, Dialect.TRIED.subList(0, Dialect.NAMED.size()));
        assertEquals(Dialect.SINGLE_PACKET, Dialect.TRIED.getLast());
        assertEquals(Dialect.SINGLE_PACKET, Dialect.parse("single-packet").orElseThrow());
        assertEquals(Dialect.SINGLE_PACKET, Dialect.of(EnumSet.of(DialectFeature.SINGLE_PACKET)));
        assertTrue(Dialect.parse("single-packet+from-0").orElseThrow().has(DialectFeature.FROM_ZERO));
    }
}
