package dropvault.storage.spi;

import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Providers of a kind found with {@link ServiceLoader} in a module layer, by name: how the server and
 * {@code dropvault-admin} find the store ({@link StoreProvider}) and the file area
 * ({@link dropvault.storage.files.FileAreaProvider}) a configuration names.
 */
public final class Providers {
    private Providers() {
    }

    /** Every provider of {@code kind} in {@code layer} and the layers below it, by name (the first of a name). */
    public static <P> SortedMap<String, P> byName(ModuleLayer layer, Class<P> kind, Function<P, String> name) {
        return ServiceLoader.load(layer, kind).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(name, p -> p, (first, second) -> first, TreeMap::new));
    }
}
