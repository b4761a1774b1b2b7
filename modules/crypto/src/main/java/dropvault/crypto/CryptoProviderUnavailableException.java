package dropvault.crypto;

/** The crypto provider asked for is unknown or cannot be loaded here. */
public class CryptoProviderUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String provider;

    public CryptoProviderUnavailableException(String provider, String why, Throwable cause) {
        super("crypto provider '" + provider + "' is not available: " + why, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
