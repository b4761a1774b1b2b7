package dropvault.client;

/** How the client talks to a server (PROTOCOL.md §8). */
public enum Dialect {
    /** The text of PROTOCOL.md: packets numbered from 1, each as long as its data. */
    SPEC,
    /**
     * The seed implementation: packets numbered from 0, every packet padded to a full chunk, a 1604
     * that may declare more bytes than it carries, and 826 straight after 1606 with the id it carries.
     */
    SEED
}
