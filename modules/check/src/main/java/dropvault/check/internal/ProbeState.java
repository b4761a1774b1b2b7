package dropvault.check.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * What the client mode's server shares between its connections: the settings and quirks it serves
 * with, what it saw, the clients registered and the ids offered with 1606, the errors the error
 * scenario has left to give.
 */
final class ProbeState {
    static final int REGISTER = 825;
    static final int PUBLIC_KEY = 826;
    static final int RECONNECT = 827;
    static final int PACKET = 828;
    static final int CRC_OK = 900;
    static final int CRC_RETRY = 901;
    static final int CRC_ABORT = 902;

    final ProbeSettings settings;
    final Quirks quirks;
    final CryptoSuite crypto;
    final Observations seen = new Observations();
    /** Guarded by itself, as is {@link #reserved}. */
    final Map<String, Registered> clients = new HashMap<>();
    /** The ids 1606 offered, by name: an 826 with one registers the name (§5). */
    final Map<String, ClientId> reserved = new HashMap<>();
    /** The names that uploaded a file whole (a stand-in that crashes on an 827 before one tells them apart). */
    final java.util.Set<String> uploaded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Connections left silent, closed when the server closes. */
    final java.util.Set<java.net.Socket> silent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A stand-in damaged by bad input: its sums are wrong from then on. */
    volatile boolean damaged;
    /** Stops the whole server (a stand-in that dies). */
    Runnable die = () -> { };
    private int errorsLeftFirst = 2;
    private int errorsLeft900 = 1;

    static final class Registered {
        final ClientId id;
        PublicKey key;

        Registered(ClientId id) {
            this.id = id;
        }
    }

    ProbeState(ProbeSettings settings, Quirks quirks) {
        this.settings = settings;
        this.quirks = quirks;
        this.crypto = CryptoSuites.forName(settings.provider());
    }

    /** Whether the error scenario answers this one with 1607: the first requests twice, 900 once. */
    synchronized boolean takeError(boolean first) {
        if (first && errorsLeftFirst > 0) {
            errorsLeftFirst--;
            return true;
        }
        if (!first && errorsLeft900 > 0) {
            errorsLeft900--;
            return true;
        }
        return false;
    }

    /** The name a name field carries, or null when none; notes the field's form. */
    String nameOf(byte[] p) {
        int nul = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                nul = i;
                break;
            }
        }
        String form = p.length == Protocol.NAME_SIZE ? "padded" : nul == p.length - 1 ? "unpadded" : "other";
        seen.add(() -> seen.nameFields.add(form));
        if (nul <= 0) {
            return null;
        }
        NameField f = NameField.padded(p, Math.min(p.length, Protocol.NAME_SIZE));
        return f.isValidName() ? f.text() : null;
    }

    /** The connection crashed: nothing answered, nothing closed, its input read and dropped until the client leaves. */
    boolean goSilent(ProbeConnection c) {
        silent.add(c.socket);
        try {
            c.socket.setSoTimeout(0);
            c.socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the client or the server's close ended it
        }
        return false;
    }

    static final byte[] TAKEN_TEXT = "name already registered".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] UNKNOWN_TEXT = "unknown client, register again".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static boolean unpadded(byte[] p) {
        return p.length != Protocol.NAME_SIZE || p[p.length - 1] == 0 && p[p.length - 2] != 0;
    }
}
