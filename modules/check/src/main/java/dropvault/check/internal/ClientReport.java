package dropvault.check.internal;

import dropvault.protocol.DialectFeature;
import dropvault.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns what the client mode's server saw into the numbered checks of a client report. */
final class ClientReport {
    private final List<CheckResult> checks = new ArrayList<>();
    private int seq;

    private ClientReport() {
    }

    private void add(String name, String section, Status status, String evidence) {
        checks.add(new CheckResult(String.format(Locale.ROOT, "%02d-%s", ++seq, name), section, status, evidence));
    }

    static Report of(Observations o, ProbeSettings s, String target, boolean allRuns) {
        synchronized (o) {
            return new ClientReport().build(o, s, target, allRuns);
        }
    }

    private Report build(Observations o, ProbeSettings s, String target, boolean allRuns) {
        Scenario sc = s.scenario();
        add("runs", "§5", allRuns && o.problems.isEmpty() ? Status.PASS : Status.FAIL,
                o.completedRuns + " of " + s.sessions() + " run(s) ended (" + String.join("; ", o.runEnds) + ")"
                        + (o.problems.isEmpty() ? "" : "; problems: " + String.join("; ", o.problems)));
        add("version", "§1", o.versions.isEmpty() || o.versions.equals(Set.of(Protocol.VERSION)) ? Status.PASS : Status.FAIL,
                "version byte " + (o.versions.isEmpty() ? "not seen" : o.versions.toString()));
        if (o.headerIds825.isEmpty()) {
            add("825-header-id", "§8", Status.PASS, "no 825 sent (the client reconnected)");
        } else {
            add("825-header-id", "§8", o.headerIds825.equals(Set.of("zeros")) ? Status.PASS : Status.WARN,
                    "825's header client id: " + String.join(", ", o.headerIds825) + " (the text: zeros)");
        }
        add("name-fields", "§8", o.nameFields.equals(Set.of("padded")) || o.nameFields.isEmpty() ? Status.PASS
                        : o.nameFields.contains("other") ? Status.FAIL : Status.WARN,
                "825/827 name fields: " + (o.nameFields.isEmpty() ? "none seen" : String.join(", ", o.nameFields))
                        + " (the text: NUL-padded to 255)");
        add("public-key", "§4", o.keyProblems.isEmpty() ? Status.PASS : Status.FAIL,
                o.keyProblems.isEmpty() ? (o.keysSent > 0 ? "826 carried a 160-byte X.509 RSA-1024 key; keys sent: " + o.keysSent
                        : "no 826 seen") : o.keyProblems.getFirst());
        add("writes", "§1", o.splitCodes.isEmpty() ? Status.PASS : Status.WARN, o.splitCodes.isEmpty()
                ? "every message arrived in one piece" : "messages written in pieces: " + o.splitCodes
                + " (the text: one write per message; servers reading with one recv break)");
        UploadSeen u = o.firstUpload;
        if (u == null) {
            add("upload", "§2", Status.FAIL, "no upload arrived whole");
        } else {
            Set<DialectFeature> f = o.uploadFeatures;
            add("packet-numbers", "§8", f.contains(DialectFeature.FROM_ZERO) ? Status.WARN : Status.PASS,
                    f.contains(DialectFeature.FROM_ZERO) ? "packets numbered from 0 (the text: from 1)" : "packets numbered from 1");
            add("packet-layout", "§8", f.contains(DialectFeature.PADDED_PAYLOADS) ? Status.WARN : Status.PASS,
                    f.contains(DialectFeature.PADDED_PAYLOADS) ? "every payload padded to " + Protocol.PADDED_PACKET_PAYLOAD
                            + " bytes (the text: 267 + n)" : "payloads of 267 + n bytes");
            boolean perPacket = f.contains(DialectFeature.PER_PACKET);
            List<String> extras = new ArrayList<>();
            if (f.contains(DialectFeature.PACKET_CONTENT_SIZE)) {
                extras.add("content size of each packet's own ciphertext");
            }
            if (f.contains(DialectFeature.ZERO_FILLED)) {
                extras.add("the last chunk zero-filled");
            }
            if (f.contains(DialectFeature.EXTRA_PACKET)) {
                extras.add("one more all-zero packet");
            }
            add("encryption", "§8", perPacket ? Status.WARN : Status.PASS, perPacket
                    ? "each packet encrypted on its own" + (extras.isEmpty() ? "" : ", " + String.join(", ", extras))
                    + " (the text: one CBC stream)" : "one CBC stream cut into packets");
            add("field-order", "§8", f.contains(DialectFeature.SWAPPED) ? Status.WARN : Status.PASS,
                    f.contains(DialectFeature.SWAPPED) ? "total packets at offset 8, packet number at 10 (swapped)"
                            : "packet number at offset 8, total at 10");
            int chunk = u.chunk();
            boolean single = u.count() == 1;
            int textChunk = perPacket ? Protocol.DEFAULT_PACKET_DATA + 16 : Protocol.DEFAULT_PACKET_DATA;
            boolean whole = f.contains(DialectFeature.SINGLE_PACKET);
            add("chunk-size", "§8", whole ? Status.WARN : single || chunk == textChunk ? Status.PASS : Status.WARN, whole
                    ? "the whole file as one packet of " + chunk + " bytes (§8: one packet, any size; servers of the"
                    + " text take " + textChunk + " a packet)"
                    : single ? "one packet of " + chunk + " bytes (too short a file to tell the chunk)"
                    : chunk + " ciphertext bytes a packet" + (chunk == textChunk ? "" : " (most send " + textChunk + ")"));
            add("content", "§4", Status.PASS, o.uploads + " upload(s) decrypted to their original size with the key given;"
                    + " first: " + u.plaintext().length + " bytes, cksum " + u.cksum());
        }
        if (sc == Scenario.BAD_CRC) {
            String seqText = o.verdicts.stream().map(String::valueOf).collect(Collectors.joining(", "));
            boolean ok = o.verdicts.equals(List.of(901, 901, 901, 902));
            add("bad-crc", "§5", ok ? Status.PASS : Status.FAIL, "verdicts on a wrong cksum: " + (seqText.isEmpty()
                    ? "none" : seqText) + " (the text: 901 three times, then 902)");
        } else {
            boolean never900 = o.verdictMatchedCksum && o.confirmed == 0 && o.uploads > 0 && o.verdicts.isEmpty();
            add("verdict", "§5", o.verdictMatchedCksum && o.confirmed > 0 ? Status.PASS : Status.FAIL,
                    never900 ? "no 900 after a 1603 with the right cksum: the client stopped there (§8, \"900 never"
                            + " sent\"); the text confirms with 900 and waits for 1604"
                            : o.verdictMatchedCksum ? o.confirmed + " confirmed with 900 on the right cksum"
                            : o.verdictProblem);
        }
        if (o.framed901) {
            add("after-901", "§5", Status.FAIL, "after 901 the client sent the packets again framed with code 901 (a"
                    + " 901 header holding an 828 payload): no server can take them; the text sends each packet as 828");
        } else if (!o.after901.isEmpty()) {
            boolean waits = o.after901.contains("waited for an answer");
            add("after-901", "§8", waits ? Status.WARN : Status.PASS, "after 901 the client " + String.join(", ",
                    o.after901) + (waits ? " (it hangs on a server that keeps silent, as the text says)" : ""));
        }
        if (sc == Scenario.FORGET) {
            if (o.reconnects == 0) {
                add("after-1606", "§5", Status.WARN, "the client never sent 827: run it a second time with"
                        + " --sessions 2 so that it reconnects");
            } else {
                boolean ok = !o.after1606.isEmpty() && o.after1606.stream().allMatch(c -> c.equals("825") || c.equals("826"));
                add("after-1606", "§5", ok ? Status.PASS : Status.FAIL, "after 1606 the client sent "
                        + (o.after1606.isEmpty() ? "nothing" : String.join(", ", o.after1606)) + " (the text: 825, or 826"
                        + " with the id of 1606)");
            }
        }
        if (sc == Scenario.ERROR) {
            long same = o.after1607.stream().filter(a -> a.startsWith("sent the same")).count();
            boolean ok = !o.after1607.isEmpty() && same == o.after1607.size() && o.after1607.size() >= 3;
            add("after-1607", "§5", ok ? Status.PASS : Status.FAIL, "after 1607 the client "
                    + (o.after1607.isEmpty() ? "sent nothing more" : String.join(", ", o.after1607))
                    + " (the text: the same request again, at most three times in all)");
            add("retries", "§5", o.confirmed > 0 ? Status.PASS : Status.FAIL, "requests by code: " + o.attempts
                    + (o.confirmed > 0 ? "; the client got through" : "; the client did not get through"));
        }
        if (sc == Scenario.SLOW) {
            add("slow", "§5", o.confirmed > 0 ? Status.PASS : Status.FAIL, "every answer " + s.delay().toMillis()
                    + " ms late: " + (o.confirmed > 0 ? "the client still confirmed its file" : "the client did not finish"));
        }
        WireDialect d = u == null ? null : new WireDialect(dropvault.protocol.Dialect.of(
                withNames(o.uploadFeatures, o.nameFields)), u.chunk());
        return new Report("client", target, d, checks);
    }

    /**
     * What the client sends, by name; how it writes it is no part of its dialect (TCP may split any
     * write), so messages written in pieces show in the writes check only.
     */
    private static Set<DialectFeature> withNames(Set<DialectFeature> f, Set<String> names) {
        Set<DialectFeature> all = java.util.EnumSet.noneOf(DialectFeature.class);
        all.addAll(f);
        all.remove(DialectFeature.SPLIT_WRITES);
        if (names.contains("unpadded")) {
            all.add(DialectFeature.UNPADDED_NAMES);
        }
        return all;
    }
}
