package dropvault.check.internal;

import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.util.Arrays;

/**
 * A 1603 read field by field, in the text's form (279 bytes) or the unpadded-name form of §8
 * (16 + 4 + name + 4).
 */
record FileReply(byte[] clientId, long contentSize, byte[] nameField, long cksum, boolean unpaddedName) {
    static final int SIZE = Protocol.CLIENT_ID_SIZE + 4 + Protocol.NAME_SIZE + 4;

    static FileReply of(Reply r) throws CheckFailure {
        if (r.code() != ResponseCode.FILE_RECEIVED.code()) {
            throw new CheckFailure("expected 1603, got " + r.describe());
        }
        byte[] p = r.payload();
        if (p.length < 24) {
            throw new CheckFailure("1603 carries " + p.length + " payload bytes; it takes 279");
        }
        return new FileReply(Arrays.copyOf(p, 16), Le.u32(p, 16), Arrays.copyOfRange(p, 20, p.length - 4),
                Le.u32(p, p.length - 4), p.length != SIZE);
    }
}
