package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpenFileLimitTest {
    private static final String HEADER = "Limit                     Soft Limit           Hard Limit           Units     ";

    @Test
    void theSoftLimitIsTheFirstColumnOfItsRow() {
        List<String> limits = List.of(HEADER,
                "Max processes             95532                95532                processes ",
                "Max open files            1024                 524288               files     ",
                "Max locked memory         8388608              8388608              bytes     ");
        assertEquals(OptionalLong.of(1024), OpenFileLimit.parse(limits));
    }

    @Test
    void unlimitedOrMissingMeansUnknown() {
        assertEquals(OptionalLong.empty(), OpenFileLimit.parse(List.of(HEADER,
                "Max open files            unlimited            unlimited            files     ")));
        assertEquals(OptionalLong.empty(), OpenFileLimit.parse(List.of(HEADER)));
    }
}
