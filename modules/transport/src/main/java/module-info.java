/**
 * TCP: an accept loop on virtual threads, connections with a read (idle) timeout, a cap on open
 * connections and a bounded clean stop; and, for senders, frames written on a thread of their own
 * ({@link dropvault.transport.FrameSender}). Knows nothing of the protocol beyond the bytes it carries.
 */
module dropvault.transport {
    requires transitive dropvault.protocol;

    exports dropvault.transport;
}
