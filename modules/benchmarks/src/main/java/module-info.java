/**
 * JMH benchmarks of what must be fast: cksum over 64 MiB, streaming AES-256-CBC per provider in
 * 64 KiB chunks, and decoding an 828 frame. Exports nothing. It is compiled as a module like every
 * other, but run from the class path (see the pom): JMH forks its JVMs with the class path.
 */
module dropvault.benchmarks {
    requires dropvault.protocol;
    requires dropvault.crypto;
    requires jmh.core;
}
