package dropvault.bench;

import dropvault.bench.internal.BenchCli;

/** {@code dropvault-bench}: exits 0 when every session succeeded, 1 on any failure, 2 on a usage error. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(BenchCli.run(args, System.out, System.err));
    }
}
