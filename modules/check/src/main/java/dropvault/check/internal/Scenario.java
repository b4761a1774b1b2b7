package dropvault.check.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the client mode's server does to exercise a client's rare paths. */
public enum Scenario {
    /** Answers as the text says. */
    NORMAL,
    /** A wrong cksum in every 1603, until the client gives up: 901 three times, then 902. */
    BAD_CRC,
    /** 1607 to the first two tries of the client's first request and to its first 900. */
    ERROR,
    /** 1606 to every reconnect, as if the client were forgotten. */
    FORGET,
    /** Every answer late by {@code --delay}. */
    SLOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Scenario of(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label().equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--scenario takes " + Arrays.stream(values())
                        .map(Scenario::label).collect(Collectors.joining(", ")) + ", not " + text));
    }
}
