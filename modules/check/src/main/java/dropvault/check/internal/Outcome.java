package dropvault.check.internal;

/** How one check of the server suite ended, with its one line of evidence. */
record Outcome(Status status, String evidence) {
    static Outcome pass(String evidence) {
        return new Outcome(Status.PASS, evidence);
    }

    static Outcome warn(String evidence) {
        return new Outcome(Status.WARN, evidence);
    }
}
