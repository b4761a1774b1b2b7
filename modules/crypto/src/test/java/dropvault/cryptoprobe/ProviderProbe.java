package dropvault.cryptoprobe;

import dropvault.crypto.CryptoProviderUnavailableException;
import dropvault.crypto.CryptoSuite;

/**
 * Run by ProvidersTest in a JVM of its own, where only dropvault.crypto is on the module path:
 * prints what {@link CryptoSuite#create} says of each provider named on the command line.
 */
public final class ProviderProbe {
    private ProviderProbe() {
    }

    public static void main(String[] args) {
        for (String name : args) {
            try {
                CryptoSuite.create(name);
                System.out.println(name + ": available");
            } catch (CryptoProviderUnavailableException e) {
                System.out.println(name + ": unavailable: " + e.provider() + ": " + e.getMessage());
            }
        }
    }
}
