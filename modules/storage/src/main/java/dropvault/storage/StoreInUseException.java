package dropvault.storage;

/** The store is held by another process (a running server): it cannot be opened for writing now. */
public class StoreInUseException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreInUseException(String message) {
        super(message);
    }
}
