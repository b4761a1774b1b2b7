package dropvault.cryptoprobe;

import dropvault.crypto.CryptoProviderUnavailableException;
import dropvault.crypto.CryptoSuites;

/**
 * Run by ProvidersTest in a JVM of its own, where only dropvault.crypto is on the module path:
 * prints what {@link CryptoSuites#forName} says of each provider named on the command line.
 */
public final class ProviderProbe {
    private ProviderProbe() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            try {
                CryptoSuites.forName(name);
                System.out.println(name + ": available");
            } catch (CryptoProviderUnavailableException e) {
                System.out.println(name + ": unavailable: " + e.provider() + ": " + e.getMessage());
            }
        }
    }
}
