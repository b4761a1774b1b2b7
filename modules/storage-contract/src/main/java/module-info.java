/**
 * Test support, used only by test suites: the Store contract and the file-area contract. A store
 * implementation's tests subclass {@link dropvault.storage.contract.StoreContract} with a factory of
 * fresh stores, a file area's {@link dropvault.storage.contract.FileAreaContract} with one of fresh
 * areas; a third of either passes it to be done.
 */
module dropvault.storage.contract {
    requires transitive dropvault.storage;
    requires transitive org.junit.jupiter.api;

    exports dropvault.storage.contract;
}
