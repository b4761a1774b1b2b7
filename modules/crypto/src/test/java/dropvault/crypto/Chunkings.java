package dropvault.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ways to cut an input of n bytes into consecutive chunks, given as chunk lengths. */
final class Chunkings {
    private Chunkings() {
    }

    /**
     * Whole; byte by byte; cut once at every offset (beyond 1100 bytes: at the first and last 64
     * and every 7th); and {@code random} random chunkings.
     */
    static List<int[]> of(int n, int random, long seed) {
        List<int[]> all = new ArrayList<>();
        all.add(new int[] {n});
        all.add(ones(n));
        for (int cut = 0; cut <= n; cut++) {
            if (n <= 1100 || cut <= 64 || n - cut <= 64 || cut % 7 == 0) {
                all.add(new int[] {cut, n - cut});
            }
        }
        Random r = new Random(seed);
        for (int i = 0; i < random; i++) {
            all.add(randomChunks(n, r, 1 + r.nextInt(Math.max(1, Math.min(n, 4096)))));
        }
        return all;
    }

    static int[] ones(int n) {
        int[] c = new int[n];
        java.util.Arrays.fill(c, 1);
        return c;
    }

    /** Random chunk lengths from 0 to {@code max}, empty chunks included. */
    static int[] randomChunks(int n, Random r, int max) {
        List<Integer> chunks = new ArrayList<>();
        for (int left = n; left > 0; ) {
            int c = Math.min(left, r.nextInt(max + 1));
            chunks.add(c);
            left -= c;
        }
        return chunks.stream().mapToInt(Integer::intValue).toArray();
    }
}
