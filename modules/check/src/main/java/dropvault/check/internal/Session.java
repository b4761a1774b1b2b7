package dropvault.check.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.Protocol;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestCode;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;

/** One connection of the server suite, speaking the dialect the server needs. */
final class Session implements AutoCloseable {
    final Target target;
    final Peer peer;
    ClientId id = ClientId.ZERO;
    byte[] aesKey;

    private Session(Target target, Peer peer) {
        this.target = target;
        this.peer = peer;
    }

    static Session open(Target t) throws IOException {
        return new Session(t, Peer.connect(t.host(), t.port(), t.timeout(), t.tls()));
    }

    /** Sends a request in the target's dialect (in pieces when it needs split writes) and reads the answer. */
    Reply ask(RequestPayload payload) throws IOException {
        send(payload);
        return peer.read();
    }

    void send(RequestPayload payload) throws IOException {
        byte[] frame = encode(payload);
        if (target.dialect().has(DialectFeature.SPLIT_WRITES)) {
            peer.sendSplit(frame, Protocol.REQUEST_HEADER_SIZE);
        } else {
            peer.send(frame);
        }
    }

    private byte[] encode(RequestPayload payload) {
        if (target.dialect().has(DialectFeature.UNPADDED_NAMES)) {
            NameField name = switch (payload) {
                case RegisterRequest r -> r.name();
                case ReconnectRequest r -> r.name();
                default -> null;
            };
            if (name != null) {
                byte[] text = name.text().getBytes(StandardCharsets.UTF_8);
                return RequestEncoder.encode(id, new OpaquePayload(RequestEncoder.codeOf(payload),
                        Arrays.copyOf(text, text.length + 1)));
            }
        }
        return RequestEncoder.encode(id, payload);
    }

    /** 825 → 1600; the id is kept. */
    Reply register(String name) throws IOException {
        Reply r = ask(new RegisterRequest(NameField.of(name)));
        if (r.code() == ResponseCode.REGISTERED.code() && r.payload().length == Protocol.CLIENT_ID_SIZE) {
            id = ClientId.of(r.payload());
        }
        return r;
    }

    /** 826 → 1602, its key unwrapped and kept; fails with the evidence otherwise. */
    void sendKey(String name, KeyPair keys) throws IOException, CheckFailure {
        Reply r = ask(new PublicKeyRequest(NameField.of(name), target.crypto().encodePublicKey(keys.getPublic())));
        aesKey = unwrap(r, ResponseCode.KEY_ISSUED.code(), keys);
    }

    /** 827 → 1605, its key unwrapped and kept. */
    void reconnect(String name, ClientId stored, KeyPair keys) throws IOException, CheckFailure {
        id = stored;
        Reply r = ask(new ReconnectRequest(NameField.of(name)));
        aesKey = unwrap(r, ResponseCode.RECONNECTED.code(), keys);
    }

    byte[] unwrap(Reply r, int code, KeyPair keys) throws CheckFailure {
        CheckFailure.expect(r, code, Protocol.CLIENT_ID_SIZE + Protocol.WRAPPED_KEY_SIZE);
        if (!Arrays.equals(r.payload(), 0, 16, id.toBytes(), 0, 16)) {
            throw new CheckFailure(code + " carries client id " + Reply.Hex.head(r.payload(), 16) + ", not ours "
                    + id.hex());
        }
        try {
            byte[] key = target.crypto().unwrapKey(keys.getPrivate(), Arrays.copyOfRange(r.payload(), 16, r.payload().length));
            if (key.length != Protocol.AES_KEY_SIZE) {
                throw new CheckFailure(code + "'s key unwraps to " + key.length + " bytes, not 32");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new CheckFailure(code + "'s key does not unwrap with OAEP-SHA-1 and our private key: " + e.getMessage());
        }
    }

    /** Registration and key: a new client on this connection. */
    static Session registered(Target t, String name, KeyPair keys) throws IOException, CheckFailure {
        Session s = open(t);
        try {
            Reply r = s.register(name);
            CheckFailure.expect(r, ResponseCode.REGISTERED.code(), Protocol.CLIENT_ID_SIZE);
            s.sendKey(name, keys);
            return s;
        } catch (IOException | CheckFailure | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The packets of {@code p} in the target's dialect, then the 1603 they bring. */
    Reply upload(Plaintext p, NameField fileName) throws IOException, CheckFailure {
        return upload(p, fileName, target.dialect());
    }

    Reply upload(Plaintext p, NameField fileName, Dialect d) throws IOException, CheckFailure {
        try {
            frames(p, fileName, d).sendAll(peer);
        } catch (GeneralSecurityException e) {
            throw new CheckFailure("cannot encrypt with the key the server gave: " + e.getMessage());
        }
        return peer.read();
    }

    UploadFrames frames(Plaintext p, NameField fileName, Dialect d) {
        return new UploadFrames(target.crypto(), aesKey, p, d, target.chunk(), id, fileName);
    }

    Reply verdict(CrcReport.Verdict v, NameField fileName) throws IOException {
        send(new CrcReport(v, fileName));
        return v == CrcReport.Verdict.RETRY ? null : peer.read();
    }

    static int code(RequestCode c) {
        return c.code();
    }

    CryptoSuite crypto() {
        return target.crypto();
    }

    @Override
    public void close() {
        peer.close();
    }
}
