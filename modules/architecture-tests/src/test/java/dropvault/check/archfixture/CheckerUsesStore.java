package dropvault.check.archfixture;

/** Breaks CHECKER_SPEAKS_ONLY_THE_PROTOCOL. */
public class CheckerUsesStore {
    dropvault.storage.Store store;
}
