package dropvault.check.internal;

import static dropvault.check.internal.ProbeState.CRC_OK;
import static dropvault.check.internal.ProbeState.CRC_RETRY;

import dropvault.protocol.DialectFeature;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** How the client mode's server answers 828 and 900-902: the upload judged, 1603, the verdict and what follows 901. */
final class ProbeUpload {
    /** The largest upload it holds to judge (the packets are kept in memory). */
    static final long MAX_UPLOAD = 64L << 20;

    private final ProbeState state;
    private final Observations seen;

    ProbeUpload(ProbeState state) {
        this.state = state;
        this.seen = state.seen;
    }

    boolean packet(ProbeConnection c, byte[] p) throws IOException {
        if (c.aesKey == null) {
            c.error();
            return false;
        }
        UploadSeen.Packet packet = new UploadSeen.Packet(Le.u32(p, 0), Le.u32(p, 4), Le.u16(p, 8), Le.u16(p, 10),
                Arrays.copyOfRange(p, 12, Protocol.PACKET_HEADER_SIZE), p.length,
                Arrays.copyOfRange(p, Protocol.PACKET_HEADER_SIZE, p.length));
        if (c.upload == null && c.answered != null) {
            if (c.answered.takeExtra(state.crypto, c.aesKey, packet)) {
                seen.add(() -> seen.uploadFeatures.add(DialectFeature.EXTRA_PACKET));
                return true;
            }
            seen.add(() -> seen.problems.add("an 828 after 1603 with no 901 before it"));
            c.error();
            return false;
        }
        if (c.upload == null) {
            c.upload = new UploadSeen();
        }
        if (packet.originalSize() > MAX_UPLOAD) {
            seen.add(() -> seen.problems.add("an upload of " + packet.originalSize() + " bytes: the check judges at most "
                    + MAX_UPLOAD));
            c.error();
            return false;
        }
        if (!c.upload.add(packet)) {
            return true;
        }
        UploadSeen u = c.upload;
        c.upload = null;
        if (!u.finish(state.crypto, c.aesKey)) {
            seen.add(() -> seen.problems.add("upload: " + u.problem()));
            c.error();
            return false;
        }
        if (state.quirks.needs() != null) {
            // a server of one dialect: refuses what contradicts it, not what the upload cannot show
            Set<DialectFeature> differ = EnumSet.noneOf(DialectFeature.class);
            differ.addAll(u.features());
            differ.addAll(state.quirks.needs());
            Set<DialectFeature> both = EnumSet.noneOf(DialectFeature.class);
            both.addAll(u.features());
            both.retainAll(state.quirks.needs());
            differ.removeAll(both);
            differ.removeAll(u.undetermined());
            if (!differ.isEmpty()) {
                c.error();
                return false;
            }
        }
        seen.add(() -> {
            seen.uploads++;
            seen.uploadFeatures.addAll(u.features());
            if (seen.firstUpload == null) {
                seen.firstUpload = u;
            }
        });
        c.answered = u;
        if (c.name != null) {
            state.uploaded.add(c.name);
        }
        long sum = u.cksum();
        if (state.quirks.has(Quirks.Wild.CRC32_IN_1603)) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(u.plaintext());
            sum = crc.getValue();
        }
        if (state.damaged) {
            sum ^= 1;
        }
        long cksum = state.settings.scenario() == Scenario.BAD_CRC ? sum ^ 0x5A5A_5A5AL : sum;
        byte[] name = u.fileName();
        int nameLen = name.length;
        if (state.quirks.fileReplyUnpadded()) {
            int n = 0;
            while (n < name.length && name[n] != 0) {
                n++;
            }
            nameLen = n;
        }
        byte[] payload = new byte[16 + 4 + nameLen + 4];
        System.arraycopy(c.id.toBytes(), 0, payload, 0, 16);
        Le.putU32(payload, 16, state.quirks.fileReplyPlainSize() ? u.plaintext().length : u.receivedContentSize());
        System.arraycopy(name, 0, payload, 20, nameLen);
        Le.putU32(payload, 20 + nameLen, cksum);
        c.reply(ResponseCode.FILE_RECEIVED.code(), payload);
        return true;
    }

    boolean verdict(ProbeConnection c, int code) throws IOException {
        if (code == ProbeState.CRC_ABORT && state.quirks.has(Quirks.Wild.SILENT_ON_902)) {
            return state.goSilent(c);
        }
        if (code == ProbeState.CRC_ABORT && state.quirks.has(Quirks.Wild.DIES_ON_902)) {
            state.die.run();
            return false;
        }
        if (c.answered == null) {
            c.error();
            return false;
        }
        boolean right = state.settings.scenario() != Scenario.BAD_CRC;
        seen.add(() -> {
            seen.verdicts.add(code);
            if (code == CRC_OK && !right) {
                seen.verdictMatchedCksum = false;
                seen.verdictProblem = "900 for a 1603 whose cksum was wrong";
            } else if (code != CRC_OK && right) {
                seen.verdictMatchedCksum = false;
                seen.verdictProblem = code + " for a 1603 whose cksum was right";
            }
        });
        if (code == CRC_RETRY) {
            c.answered = null;
            boolean waits = !resendComes(c);
            seen.add(() -> seen.after901.add(waits ? "waited for an answer" : "resent at once"));
            if (waits || state.quirks.answer901()) {
                thanks(c);
            }
            return true;
        }
        if (code == CRC_OK && state.settings.scenario() == Scenario.ERROR && state.takeError(false)) {
            c.error();
            return true;
        }
        seen.add(() -> {
            if (code == CRC_OK) {
                seen.confirmed++;
            } else {
                seen.abandoned++;
            }
        });
        thanks(c);
        c.answered = null;
        return true;
    }

    private void thanks(ProbeConnection c) throws IOException {
        int declared = state.quirks.thanksDeclared();
        c.reply(ResponseCode.THANKS.code(), declared == 0 ? new byte[0] : c.id.toBytes(), declared);
    }

    /** After 901: do the packets of the resend come within a short wait (§8's conflict)? */
    private boolean resendComes(ProbeConnection c) throws IOException {
        if (c.in.hasPending()) {
            return true;
        }
        int normal = c.socket.getSoTimeout();
        // long enough that a client which resends at once is never taken for one that waits
        c.socket.setSoTimeout((int) Math.max(200, Math.min(5000, state.settings.timeout().toMillis() / 2)));
        try {
            return c.in.awaitData();
        } catch (SocketTimeoutException | StepTimeoutException e) {
            return false;
        } finally {
            c.socket.setSoTimeout(normal);
        }
    }
}
