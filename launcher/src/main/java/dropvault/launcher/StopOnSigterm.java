package dropvault.launcher;

import sun.misc.Signal;

/**
 * Runs an action on SIGTERM instead of the JVM's default (shutdown hooks, then exit status 143).
 * The action runs while the JVM is still whole, logging included, and decides the exit status.
 */
final class StopOnSigterm {
    private StopOnSigterm() {
    }

    static void install(Runnable action) {
        try {
            Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("dropvault-sigterm").start(action));
        } catch (IllegalArgumentException e) {
            // no SIGTERM on this platform: the shutdown hook still stops the server
        }
    }
}
