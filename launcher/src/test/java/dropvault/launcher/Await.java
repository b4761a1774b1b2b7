package dropvault.launcher;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread brings about, failing after a generous deadline. */
final class Await {
    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }
}
