import dropvault.protocol.ClientId;
import dropvault.storage.Store;
import dropvault.storage.spi.StoreProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills the MapDB store of a data folder through the Store SPI with CLIENTS keyed clients (each
 * registered, then given a 160-byte public key, as the server does for 825 and 826), many at once so
 * that they share commits, prints "filled N" and waits to be killed (store-restart.sh sends SIGKILL).
 * usage: java --module-path MODULES --add-modules dropvault.storage.mapdb StoreFill.java DATA CLIENTS
 */
public class StoreFill {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int clients = Integer.parseInt(args[1]);
        StoreProvider mapdb = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("mapdb")).findFirst().orElseThrow();
        Store store = mapdb.open(data, Map.of());
        Semaphore inFlight = new Semaphore(2048);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                inFlight.acquire();
                threads.submit(() -> {
                    try {
                        Random random = new Random(n);
                        ClientId id = ClientId.random(random);
                        byte[] publicKey = new byte[160];
                        random.nextBytes(publicKey);
                        if (!store.register(id, "client-" + n, Instant.now())
                                || !store.setPublicKey(id, publicKey, Instant.now())) {
                            throw new IllegalStateException("refused client " + n);
                        }
                        long d = done.incrementAndGet();
                        if (d % 100_000 == 0) {
                            System.out.printf("%d clients in %.1f s%n", d, (System.nanoTime() - start) / 1e9);
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                        System.exit(1);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        System.out.println("filled " + store.keyedClientCount());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
