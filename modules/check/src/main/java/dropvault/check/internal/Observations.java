package dropvault.check.internal;

import dropvault.protocol.DialectFeature;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the client mode's server saw of the clients it served, from all connections (thread-safe). */
final class Observations {
    final Set<String> headerIds825 = new LinkedHashSet<>();
    final Set<Integer> versions = new LinkedHashSet<>();
    final Set<String> nameFields = new LinkedHashSet<>();
    final Set<Integer> splitCodes = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();
    final List<String> keyProblems = new ArrayList<>();
    final List<Integer> verdicts = new ArrayList<>();
    final List<String> after1606 = new ArrayList<>();
    final List<String> after1607 = new ArrayList<>();
    final List<String> after901 = new ArrayList<>();
    final Map<Integer, Integer> attempts = new LinkedHashMap<>();
    final Set<DialectFeature> uploadFeatures = EnumSet.noneOf(DialectFeature.class);
    final List<String> runEnds = new ArrayList<>();
    UploadSeen firstUpload;
    /** The client sent the packets again framed with code 901 (§8, "901 framing"). */
    boolean framed901;
    int keysSent;
    int reconnects;
    int uploads;
    int confirmed;
    int abandoned;
    int completedRuns;
    boolean verdictMatchedCksum = true;
    String verdictProblem;

    synchronized void add(Runnable r) {
        r.run();
    }
}
