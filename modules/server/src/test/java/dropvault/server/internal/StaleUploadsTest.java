package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StaleUploadsTest {
    @Test
    void staleAgeIsAtLeastAnHourAndTenIdleTimeouts() {
        assertEquals(Duration.ofHours(1), StaleUploads.age(Duration.ofSeconds(60)));
        assertEquals(Duration.ofHours(5), StaleUploads.age(Duration.ofMinutes(30)));
    }
}
