package dropvault.protocol;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A combination of {@link DialectFeature}s: how one client sends its requests. The named
 * combinations are the ones PROTOCOL.md §8 reports together, in {@link #NAMED} order, cheapest first
 * (the order a client that finds out for itself tries them).
 *
 * @param name     the name of a named combination, or the features' labels joined with {@code +}
 *                 ({@code spec} for none)
 * @param features what differs from the text
 */
public record Dialect(String name, Set<DialectFeature> features) {
    /** The text of PROTOCOL.md: one CBC stream, packets from 1, each as long as its data. */
    public static final Dialect SPEC = named("spec");
    /** The seed implementation: packets from 0, every payload padded to 1291 bytes. */
    public static final Dialect SEED = named("seed", DialectFeature.FROM_ZERO, DialectFeature.PADDED_PAYLOADS);
    /** Every payload padded to 1291 bytes, packets from 1 (a server in the wild needs exactly this). */
    public static final Dialect PADDED = named("padded", DialectFeature.PADDED_PAYLOADS);
    /** Each packet encrypted on its own, number and total swapped (a client and a server in the wild). */
    public static final Dialect PER_PACKET = named("per-packet", DialectFeature.PER_PACKET, DialectFeature.SWAPPED);
    /** {@link #PER_PACKET}, and 825/827 with unpadded names (another client in the wild). */
    public static final Dialect PER_PACKET_UNPADDED = named("per-packet-unpadded", DialectFeature.PER_PACKET,
            DialectFeature.SWAPPED, DialectFeature.UNPADDED_NAMES);
    /**
     * Each packet encrypted on its own with the last chunk zero-filled, the content size of the packet
     * in each, and one more all-zero packet (the zero-filling client of §8).
     */
    public static final Dialect ZERO_FILLED = named("zero-filled", DialectFeature.PER_PACKET,
            DialectFeature.PACKET_CONTENT_SIZE, DialectFeature.ZERO_FILLED, DialectFeature.EXTRA_PACKET);

    /**
     * The whole file in one 828, whatever its size (a server in the wild takes nothing else and
     * treats every packet as the whole file). Not in {@link #NAMED}: no client of the wild sends it
     * unasked, and a server of the text takes no packet that large; a client that finds out for
     * itself tries it last ({@link #TRIED}).
     */
    public static final Dialect SINGLE_PACKET = named("single-packet", DialectFeature.SINGLE_PACKET);

    /** The named combinations clients in the wild send, cheapest first. */
    public static final List<Dialect> NAMED = List.of(SPEC, SEED, PADDED, PER_PACKET, PER_PACKET_UNPADDED,
            ZERO_FILLED);

    /** Every named combination, in the order a client that finds out for itself tries them: {@link #NAMED}, then {@link #SINGLE_PACKET}. */
    public static final List<Dialect> TRIED = List.of(SPEC, SEED, PADDED, PER_PACKET, PER_PACKET_UNPADDED,
            ZERO_FILLED, SINGLE_PACKET);

    public Dialect {
        Objects.requireNonNull(name);
        features = features.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(DialectFeature.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(features));
    }

    private static Dialect named(String name, DialectFeature... features) {
        EnumSet<DialectFeature> set = EnumSet.noneOf(DialectFeature.class);
        set.addAll(List.of(features));
        return new Dialect(name, set);
    }

    /** The named combination of exactly these features, else one named by the features' labels. */
    public static Dialect of(Set<DialectFeature> features) {
        for (Dialect d : TRIED) {
            if (d.features.equals(features)) {
                return d;
            }
        }
        String label = EnumSet.copyOf(features).stream().map(DialectFeature::label).collect(Collectors.joining("+"));
        return new Dialect(label, features);
    }

    /** A named combination, or features joined with {@code +} ({@code per-packet+swapped}), any of them a name. */
    public static Optional<Dialect> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Dialect d : TRIED) {
            if (d.name.equals(t)) {
                return Optional.of(d);
            }
        }
        EnumSet<DialectFeature> set = EnumSet.noneOf(DialectFeature.class);
        for (String part : t.split("\\+")) {
            Optional<Dialect> named = TRIED.stream().filter(d -> d.name.equals(part)).findFirst();
            if (named.isPresent()) {
                set.addAll(named.get().features);
                continue;
            }
            Optional<DialectFeature> f = DialectFeature.ofLabel(part);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            set.add(f.get());
        }
        return Optional.of(of(set));
    }

    public boolean has(DialectFeature f) {
        return features.contains(f);
    }

    /** This dialect with one more feature. */
    public Dialect with(DialectFeature f) {
        EnumSet<DialectFeature> set = features.isEmpty() ? EnumSet.noneOf(DialectFeature.class) : EnumSet.copyOf(features);
        set.add(f);
        return of(set);
    }

    /** This dialect without a feature. */
    public Dialect without(DialectFeature f) {
        EnumSet<DialectFeature> set = features.isEmpty() ? EnumSet.noneOf(DialectFeature.class) : EnumSet.copyOf(features);
        set.remove(f);
        return of(set);
    }

    @Override
    public String toString() {
        return name;
    }
}
