package dropvault.server.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.server.internal.safeguards.Guards;
import dropvault.server.events.ServerEvents;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileKeeper;
import dropvault.storage.Store;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/** What every session of one server shares; {@code keepUnconfirmed}: {@link dropvault.server.ServerConfig#KEEP_UNCONFIRMED}. */
public record ServerContext(Store store, CryptoSuite crypto, FileArea files, Clock clock, long maxFileSize,
                            Semaphore uploadPermits, System.Logger logger, ServerEvents events,
                            java.util.Optional<java.time.Duration> resendAnswerWait, Guards guards,
                            boolean keepUnconfirmed, FileKeeper keeper) {

    public ServerContext(Store store, CryptoSuite crypto, FileArea files, Clock clock, long maxFileSize,
                         Semaphore uploadPermits, System.Logger logger, ServerEvents events,
                         java.util.Optional<java.time.Duration> resendAnswerWait, Guards guards, boolean keepUnconfirmed) {
        this(store, crypto, files, clock, maxFileSize, uploadPermits, logger, events, resendAnswerWait, guards,
                keepUnconfirmed, new FileKeeper(store, files, logger));
    }
}
