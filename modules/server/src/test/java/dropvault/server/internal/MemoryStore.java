package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.VersionPolicy;
import dropvault.storage.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Store in memory, for tests of the server alone. */
final class MemoryStore implements Store {
    private final Map<ClientId, ClientRecord> clients = new TreeMap<>();
    private final Map<String, FileRecord> files = new TreeMap<>();
    private final Map<String, List<FileVersion>> versions = new TreeMap<>();

    @Override
    public synchronized Optional<ClientRecord> client(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public synchronized Optional<ClientRecord> clientByName(String name) {
        return clients.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<ClientRecord> clients() {
        return new ArrayList<>(clients.values());
    }

    @Override
    public synchronized boolean register(ClientId id, String name, Instant now) {
        if (clients.containsKey(id) || clientByName(name).isPresent()) {
            return false;
        }
        clients.put(id, ClientRecord.registered(id, name, now));
        return true;
    }

    @Override
    public synchronized boolean setPublicKey(ClientId id, byte[] publicKey, Instant now) {
        ClientRecord c = clients.get(id);
        if (c == null) {
            return false;
        }
        clients.put(id, c.withPublicKey(publicKey, now));
        return true;
    }

    @Override
    public synchronized boolean bindKey(ClientId id) {
        ClientRecord c = clients.get(id);
        if (c == null || c.publicKey().isEmpty()) {
            return false;
        }
        clients.put(id, c.withKeyBound());
        return true;
    }

    @Override
    public synchronized int expireRegistrations(Instant registeredBefore) {
        List<ClientId> expired = clients.values().stream()
                .filter(c -> c.publicKey().isEmpty() && c.lastSeen().isBefore(registeredBefore))
                .map(ClientRecord::id).toList();
        expired.forEach(clients::remove);
        return expired.size();
    }

    @Override
    public synchronized void touch(ClientId id, Instant now) {
        clients.computeIfPresent(id, (k, c) -> c.withLastSeen(now));
    }

    @Override
    public synchronized void putFile(FileRecord file) {
        files.put(file.clientId().hex() + "/" + file.fileName(), file);
    }

    @Override
    public synchronized Replacement putFile(FileRecord file, String previousPathName, Instant now,
                                            VersionPolicy policy) {
        String key = file.clientId().hex() + "/" + file.fileName();
        FileRecord old = files.put(key, file);
        Optional<FileVersion> kept = Optional.empty();
        if (old != null) {
            List<FileVersion> mine = versions.computeIfAbsent(key, k -> new ArrayList<>());
            long number = mine.isEmpty() ? 1 : mine.get(mine.size() - 1).number() + 1;
            FileVersion v = new FileVersion(file.clientId(), file.fileName(), number, previousPathName, old.size(),
                    old.cksum(), now);
            mine.add(v);
            kept = Optional.of(v);
        }
        List<FileVersion> all = versions.entrySet().stream().filter(e -> e.getKey().startsWith(file.clientId().hex()))
                .flatMap(e -> e.getValue().stream()).toList();
        List<FileVersion> pruned = policy.toPrune(all, kept.orElse(null), now);
        versions.values().forEach(l -> l.removeAll(pruned));
        return new Replacement(kept.filter(v -> !pruned.contains(v)), pruned);
    }

    @Override
    public synchronized List<FileVersion> versions(ClientId clientId, String fileName) {
        return List.copyOf(versions.getOrDefault(clientId.hex() + "/" + fileName, List.of()));
    }

    @Override
    public synchronized long storedBytes(ClientId clientId) {
        return files(clientId).stream().mapToLong(FileRecord::knownSize).sum()
                + versions.entrySet().stream().filter(e -> e.getKey().startsWith(clientId.hex()))
                .flatMap(e -> e.getValue().stream()).mapToLong(FileVersion::knownSize).sum();
    }

    @Override
    public synchronized long clientCount() {
        return clients.size();
    }

    @Override
    public synchronized long keyedClientCount() {
        return clients.values().stream().filter(c -> c.publicKey().isPresent()).count();
    }

    @Override
    public synchronized Optional<FileRecord> file(ClientId clientId, String fileName) {
        return Optional.ofNullable(files.get(clientId.hex() + "/" + fileName));
    }

    @Override
    public synchronized List<FileRecord> files(ClientId clientId) {
        return files.values().stream().filter(f -> f.clientId().equals(clientId)).toList();
    }

    @Override
    public void close() {
    }
}
