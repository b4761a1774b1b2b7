package dropvault.check.internal;

/** A check's verdict: a warning is a departure from the text that the other side may live with. */
public enum Status {
    PASS, WARN, FAIL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
