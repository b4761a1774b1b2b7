package dropvault.server.internal;

import dropvault.protocol.FrameLimits;
import dropvault.protocol.RequestCode;
import dropvault.server.HandlerInfo;
import dropvault.server.spi.RequestHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Which handler serves which request code, built once at start-up, and the frame limits that
 * follow from it: the codes of PROTOCOL.md §2 with their sizes, plugin codes with the size their
 * handler declares, and no other code.
 */
public final class HandlerRegistry {
    private static final System.Logger LOG = System.getLogger(HandlerRegistry.class.getName());

    private final Map<Integer, RequestHandler> byCode;
    private final FrameLimits limits;

    private HandlerRegistry(Map<Integer, RequestHandler> byCode, FrameLimits limits) {
        this.byCode = Collections.unmodifiableMap(byCode);
        this.limits = limits;
    }

    /**
     * The handlers {@link ServiceLoader} finds in {@code layer} and its parents. A plugin that
     * fails to load is reported and skipped.
     */
    public static HandlerRegistry load(ModuleLayer layer, int maxPacketData) {
        return of(builtIn(layer), maxPacketData);
    }

    /**
     * The handlers of {@code layer} and its parents, then those of the jars in {@code pluginFolder}
     * (see {@link PluginFolder}).
     *
     * @throws DuplicateHandlerException when two handlers claim one code
     * @throws IOException when the plugin folder cannot be listed
     */
    public static HandlerRegistry load(ModuleLayer layer, Path pluginFolder, int maxPacketData) throws IOException {
        List<RequestHandler> handlers = new ArrayList<>(builtIn(layer));
        handlers.addAll(PluginFolder.load(pluginFolder, layer));
        return of(handlers, maxPacketData);
    }

    private static List<RequestHandler> builtIn(ModuleLayer layer) {
        List<RequestHandler> found = new ArrayList<>();
        ServiceLoader<RequestHandler> loader = ServiceLoader.load(layer, RequestHandler.class);
        var it = loader.stream().iterator();
        while (it.hasNext()) {
            ServiceLoader.Provider<RequestHandler> p;
            try {
                p = it.next();
                found.add(p.get());
            } catch (java.util.ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.ERROR, "skipping a request handler that fails to load: " + e.getMessage(), e);
            }
        }
        return found;
    }

    /**
     * The registry of exactly these handlers.
     *
     * @throws DuplicateHandlerException when two handlers claim one code
     * @throws IllegalArgumentException when a handler claims a code outside the u16 range, or a
     *                                  code the protocol does not define without a payload limit
     */
    public static HandlerRegistry of(List<? extends RequestHandler> handlers, int maxPacketData) {
        Map<Integer, RequestHandler> byCode = new TreeMap<>();
        FrameLimits standard = FrameLimits.standard(maxPacketData);
        FrameLimits limits = standard;
        for (RequestHandler h : handlers) {
            for (int code : h.codes()) {
                if (code < 0 || code > 0xFFFF) {
                    throw new IllegalArgumentException(describe(h) + " claims code " + code + ", which is not a u16");
                }
                RequestHandler other = byCode.putIfAbsent(code, h);
                if (other != null) {
                    throw new DuplicateHandlerException(code, describe(other), describe(h));
                }
                if (RequestCode.of(code).isEmpty()) {
                    OptionalLong max = h.maxPayloadSize(code);
                    if (max.isEmpty()) {
                        throw new IllegalArgumentException(describe(h) + " claims code " + code
                                + " but declares no maximum payload size for it");
                    }
                    limits = limits.with(code, new FrameLimits.SizeRange(0, max.getAsLong()));
                }
            }
        }
        return new HandlerRegistry(byCode, limits.only(byCode.keySet()));
    }

    static String describe(RequestHandler h) {
        Module m = h.getClass().getModule();
        return h.getClass().getName() + (m.isNamed() ? " (module " + m.getName() + ", " + location(m) + ")" : "");
    }

    /** Where a module was loaded from: a jar's path, or {@code jrt:/NAME} inside the runtime image. */
    static String location(Module m) {
        if (!m.isNamed() || m.getLayer() == null) {
            return "class path";
        }
        return m.getLayer().configuration().findModule(m.getName())
                .flatMap(r -> r.reference().location())
                .map(uri -> "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString())
                .orElse("unknown location");
    }

    /** Each code served, in order, with its handler and where the handler came from. */
    public List<HandlerInfo> describeAll() {
        return byCode.entrySet().stream().map(e -> {
            Module m = e.getValue().getClass().getModule();
            return new HandlerInfo(e.getKey(), e.getValue().getClass().getName(),
                    m.isNamed() ? m.getName() : "(unnamed)", location(m));
        }).toList();
    }

    public RequestHandler handler(int code) {
        return byCode.get(code);
    }

    /** The codes served, in order. */
    public java.util.Set<Integer> codes() {
        return byCode.keySet();
    }

    public FrameLimits limits() {
        return limits;
    }

    /** This registry, taking a whole file of up to {@code maxFileSize} bytes in one streamed 828 ({@link FrameLimits#withWholeFilePackets}). */
    public HandlerRegistry withWholeFilePackets(long maxFileSize) {
        return new HandlerRegistry(byCode, limits.withWholeFilePackets(maxFileSize));
    }
}
