package dropvault.server.internal;

import dropvault.server.FreeSpace;
import dropvault.server.Safeguards;
import dropvault.server.internal.safeguards.DiskGuard;
import dropvault.server.internal.safeguards.Guards;

/** Guards with plenty of free space and the system's clock, for tests of the server alone. */
public final class TestGuards {
    private TestGuards() {
    }

    public static Guards of(Safeguards settings) {
        return of(settings, 1L << 40, 1L << 41);
    }

    /** Guards whose penalties and rates run by {@code nanoClock}. */
    public static Guards of(Safeguards settings, java.util.function.LongSupplier nanoClock) {
        return of(settings, 1L << 40, 1L << 41, nanoClock);
    }

    public static Guards of(Safeguards settings, long usable, long total) {
        return of(settings, usable, total, System::nanoTime);
    }

    private static Guards of(Safeguards settings, long usable, long total, java.util.function.LongSupplier nanoClock) {
        FreeSpace plenty = new FreeSpace() {
            @Override
            public long usableBytes() {
                return usable;
            }

            @Override
            public long totalBytes() {
                return total;
            }
        };
        return new Guards(settings, new DiskGuard(plenty, settings.reserveFor(total)), nanoClock,
                System.getLogger("test"));
    }
}
