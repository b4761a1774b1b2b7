package dropvault.protocol;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import dropvault.testvectors.Vectors;

/**
 * What each frame of frames.json must decode to, built from the description in its "about" and
 * from rsa.json, never from the frames themselves.
 */
final class ExpectedFrames {
    static final ClientId ID = ClientId.fromHex("0123456789abcdef0123456789abcdef");
    static final NameField ALICE = NameField.of("alice");
    static final NameField NOTES = NameField.of("notes.txt");
    static final int PLAIN_SIZE = 2500;
    static final int CONTENT_SIZE = 2512;
    /** GNU cksum of pattern(2500, seed 11). */
    static final long PLAIN_CKSUM = 3_615_463_162L;

    private ExpectedFrames() {
    }

    static byte[] ciphertext() {
        Map<String, Object> rsa = Vectors.load("rsa.json");
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Vectors.hex((String) rsa.get("aes_key_hex")), "AES"),
                    new IvParameterSpec(new byte[16]));
            return c.doFinal(Vectors.pattern(PLAIN_SIZE, 11));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Request request(String what) {
        Map<String, Object> rsa = Vectors.load("rsa.json");
        return switch (what) {
            case "register 825" -> request(ClientId.ZERO, 825, 255, new RegisterRequest(ALICE));
            case "public key 826" -> request(ID, 826, 415,
                    new PublicKeyRequest(ALICE, Vectors.hex((String) rsa.get("public_key_x509_hex"))));
            case "send file 828 packet 1/3" -> request(ID, 828, 1291, packet(1));
            case "send file 828 packet 2/3" -> request(ID, 828, 1291, packet(2));
            case "send file 828 packet 3/3" -> request(ID, 828, 267 + 464, packet(3));
            case "crc ok 900" -> request(ID, 900, 255, new CrcReport(CrcReport.Verdict.MATCHED, NOTES));
            case "reconnect 827" -> request(ID, 827, 255, new ReconnectRequest(ALICE));
            case "crc bad 901" -> request(ID, 901, 255, new CrcReport(CrcReport.Verdict.RETRY, NOTES));
            case "crc bad, giving up 902" -> request(ID, 902, 255, new CrcReport(CrcReport.Verdict.ABORT, NOTES));
            default -> throw new AssertionError("no expected request for frame '" + what + "'");
        };
    }

    static Response response(String what) {
        byte[] wrapped = Vectors.hex((String) Vectors.load("rsa.json").get("oaep_cipher_hex"));
        return switch (what) {
            case "registered 1600" -> response(1600, 16, new Registered(ID));
            case "aes key 1602" -> response(1602, 144, new KeyIssued(ID, wrapped));
            case "file received 1603" -> response(1603, 279, new FileReceived(ID, CONTENT_SIZE, NOTES, PLAIN_CKSUM));
            case "thanks 1604" -> response(1604, 16, new Thanks(ID));
            case "reconnected 1605" -> response(1605, 144, new Reconnected(ID, wrapped));
            case "registration failed 1601" -> response(1601, 0, new RegistrationFailed());
            case "reconnect refused 1606" -> response(1606, 16, new ReconnectRefused(ID));
            case "general error 1607" -> response(1607, 0, new GeneralError());
            default -> throw new AssertionError("no expected response for frame '" + what + "'");
        };
    }

    /** Packet {@code number} of 3, 1024 ciphertext bytes each, the last one shorter. */
    static FilePacket packet(int number) {
        byte[] c = ciphertext();
        byte[] data = Arrays.copyOfRange(c, (number - 1) * 1024, Math.min(c.length, number * 1024));
        return new FilePacket(CONTENT_SIZE, PLAIN_SIZE, number, 3, NOTES, data);
    }

    private static Request request(ClientId id, int code, long size, RequestPayload p) {
        return new Request(new RequestHeader(id, 3, code, size), p);
    }

    private static Response response(int code, long size, ResponsePayload p) {
        return new Response(new ResponseHeader(3, code, size), p);
    }
}
