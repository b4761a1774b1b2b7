package dropvault.server.internal;

import dropvault.server.spi.RequestHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The handler plugins dropped into a folder: every {@code *.jar} in it, in name order, becomes a
 * module in a child layer of its own, and its {@link RequestHandler}s are found with
 * {@link ServiceLoader}. A jar that does not load is reported with its file name and skipped; the
 * others are unaffected.
 */
public final class PluginFolder {
    private static final System.Logger LOG = System.getLogger("dropvault.server");
    private static final String SERVICE = RequestHandler.class.getName();

    private PluginFolder() {
    }

    /**
     * The handlers of the jars in {@code folder}, each jar resolved against {@code parent}.
     *
     * @throws IOException when the folder cannot be listed
     */
    public static List<RequestHandler> load(Path folder, ModuleLayer parent) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
        List<RequestHandler> handlers = new ArrayList<>();
        for (Path jar : jars) {
            try {
                List<RequestHandler> found = loadJar(jar, parent);
                LOG.log(Level.INFO, "plugin " + jar + ": " + found.stream()
                        .map(h -> h.getClass().getName() + " " + h.codes()).toList());
                handlers.addAll(found);
            } catch (PluginLoadException e) {
                LOG.log(Level.WARNING, "plugin " + jar + " skipped: " + e.getMessage());
            }
        }
        return handlers;
    }

    private static List<RequestHandler> loadJar(Path jar, ModuleLayer parent) throws PluginLoadException {
        ModuleFinder finder = ModuleFinder.of(jar);
        ModuleDescriptor descriptor;
        try {
            // a finder of one jar finds that jar's module, or fails
            descriptor = finder.findAll().iterator().next().descriptor();
        } catch (FindException e) {
            throw new PluginLoadException("not a readable module jar: " + messages(e));
        }
        if (descriptor.isAutomatic()) {
            throw new PluginLoadException("not a module (no module-info.class); a plugin is a named module that"
                    + " provides " + SERVICE);
        }
        if (descriptor.provides().stream().noneMatch(p -> p.service().equals(SERVICE))) {
            throw new PluginLoadException("module " + descriptor.name() + " provides no " + SERVICE);
        }
        ModuleLayer layer;
        try {
            Configuration configuration = parent.configuration()
                    .resolve(finder, ModuleFinder.of(), Set.of(descriptor.name()));
            layer = parent.defineModulesWithOneLoader(configuration, PluginFolder.class.getClassLoader());
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginLoadException("module " + descriptor.name() + " does not resolve: " + messages(e));
        }
        try {
            List<RequestHandler> handlers = ServiceLoader.load(layer, RequestHandler.class).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .map(ServiceLoader.Provider::get)
                    .toList();
            handlers.forEach(RequestHandler::codes); // plugin code too: let it fail here, with the jar's name
            return handlers;
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new PluginLoadException("module " + descriptor.name() + ": a handler cannot be created: "
                    + messages(e));
        }
    }

    /** The messages of {@code e} and its causes, which say what went wrong. */
    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    private static final class PluginLoadException extends Exception {
        private static final long serialVersionUID = 1L;

        PluginLoadException(String message) {
            super(message);
        }
    }
}
