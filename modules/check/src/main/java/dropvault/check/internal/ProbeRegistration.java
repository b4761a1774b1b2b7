package dropvault.check.internal;

import dropvault.check.internal.ProbeState.Registered;
import dropvault.protocol.ClientId;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;

/** How the client mode's server answers 825, 826 and 827: names, ids and keys, and what it notes of them. */
final class ProbeRegistration {
    private final ProbeState state;
    private final Observations seen;

    ProbeRegistration(ProbeState state) {
        this.state = state;
        this.seen = state.seen;
    }

    boolean register(ProbeConnection c, ClientId headerId, byte[] p) throws IOException {
        byte[] raw = headerId.toBytes();
        String form = Arrays.equals(raw, new byte[16]) ? "zeros" : allOf(raw, (byte) 'a') ? "16 x 0x61 ('a')"
                : "other (" + headerId.hex() + ")";
        seen.add(() -> seen.headerIds825.add(form));
        boolean unpadded = ProbeState.unpadded(p);
        String name = state.nameOf(p);
        if (state.quirks.needsUnpaddedNames() && !unpadded) {
            c.error();
            return false;
        }
        if (state.settings.scenario() == Scenario.ERROR && state.takeError(true)) {
            c.error();
            return true;
        }
        if (name == null) {
            c.reply(ResponseCode.REGISTRATION_FAILED.code(), new byte[0]);
            return true;
        }
        ClientId id;
        synchronized (state.clients) {
            if (state.clients.containsKey(name) && !state.quirks.neverRefuse()) {
                c.reply(ResponseCode.REGISTRATION_FAILED.code(),
                        state.quirks.has(Quirks.Wild.TEXT_IN_REFUSALS) ? ProbeState.TAKEN_TEXT : new byte[0]);
                return true;
            }
            ClientId r = state.reserved.remove(name);
            id = r != null ? r : ClientId.random(state.crypto.random());
            state.clients.put(name, new Registered(id));
        }
        c.id = id;
        c.name = name;
        c.reply(ResponseCode.REGISTERED.code(), id.toBytes());
        return true;
    }

    private static boolean allOf(byte[] b, byte v) {
        for (byte x : b) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }

    boolean publicKey(ProbeConnection c, ClientId headerId, byte[] p) throws IOException {
        String name = state.nameOf(Arrays.copyOf(p, Protocol.NAME_SIZE));
        byte[] keyBytes = Arrays.copyOfRange(p, Protocol.NAME_SIZE, p.length);
        PublicKey key;
        try {
            key = state.crypto.decodePublicKey(keyBytes);
        } catch (InvalidKeyException e) {
            seen.add(() -> seen.keyProblems.add("826 carries no 1024-bit RSA X.509 key of 160 bytes: " + e.getMessage()));
            c.error();
            return false;
        }
        Registered r;
        synchronized (state.clients) {
            r = name == null ? null : state.clients.get(name);
            if (r == null && name != null && headerId.equals(state.reserved.get(name))) {
                // 826 straight after 1606 with the id it carried (§5)
                state.reserved.remove(name);
                r = new Registered(headerId);
                state.clients.put(name, r);
            }
        }
        if (r == null || !r.id.equals(headerId)) {
            c.error();
            return true;
        }
        r.key = key;
        c.id = r.id;
        c.name = name;
        return issueKey(c, key, ResponseCode.KEY_ISSUED.code());
    }

    private boolean issueKey(ProbeConnection c, PublicKey key, int code) throws IOException {
        c.aesKey = state.crypto.newAesKey();
        byte[] wrapped;
        try {
            wrapped = state.crypto.wrapKey(key, c.aesKey);
        } catch (InvalidKeyException e) {
            c.error();
            return false;
        }
        byte[] payload = Arrays.copyOf(c.id.toBytes(), 16 + wrapped.length);
        System.arraycopy(wrapped, 0, payload, 16, wrapped.length);
        seen.add(() -> seen.keysSent++);
        c.reply(code, payload);
        return true;
    }

    boolean reconnect(ProbeConnection c, ClientId headerId, byte[] p) throws IOException {
        boolean unpadded = ProbeState.unpadded(p);
        String name = state.nameOf(p);
        if (state.quirks.needsUnpaddedNames() && !unpadded) {
            c.error();
            return false;
        }
        seen.add(() -> seen.reconnects++);
        if (state.quirks.has(Quirks.Wild.SILENT_ON_827_BEFORE_UPLOAD) && !state.uploaded.contains(name)) {
            return state.goSilent(c);
        }
        if (state.settings.scenario() == Scenario.ERROR && state.takeError(true)) {
            c.error();
            return true;
        }
        Registered r;
        ClientId fresh = ClientId.random(state.crypto.random());
        synchronized (state.clients) {
            if (state.settings.scenario() == Scenario.FORGET && name != null) {
                state.clients.remove(name);
            }
            r = name == null ? null : state.clients.get(name);
            if (r == null && name != null) {
                state.reserved.put(name, fresh);
            }
        }
        if (r != null && r.id.equals(headerId) && r.key != null) {
            c.id = r.id;
            c.name = name;
            return issueKey(c, r.key, ResponseCode.RECONNECTED.code());
        }
        c.reply(ResponseCode.RECONNECT_REFUSED.code(), state.quirks.empty1606() ? new byte[0]
                : state.quirks.has(Quirks.Wild.TEXT_IN_REFUSALS) ? ProbeState.UNKNOWN_TEXT : fresh.toBytes());
        return true;
    }
}
