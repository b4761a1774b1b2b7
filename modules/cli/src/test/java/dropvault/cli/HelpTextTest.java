package dropvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class HelpTextTest {
    private static final Options OPTIONS = new Options()
            .addOption(Option.builder("s").longOpt("server").hasArg().argName("HOST:PORT")
                    .desc("the server (transfer.info line 1), which the client connects to first, and again"
                            + " after every broken connection, until the retries run out").get())
            .addOption(Option.builder().longOpt("no-progress").desc("no progress bar").get())
            .addOption(Option.builder().longOpt("a-rather-long-option-name").hasArg().argName("SOMETHING")
                    .desc("too long a label: its text starts on the next line").get());

    @Test
    void wrappedLinesStartUnderTheirColumnAndNothingTrails() {
        String help = HelpText.of("tool [options] COMMAND", "Does things. " + "A sentence that goes on. ".repeat(8),
                OPTIONS, List.of(new HelpText.Section("Exit status:", List.of(new HelpText.Row("0", "done"),
                        new HelpText.Row("2", "bad command line, which is the user's to fix: " + "try again ".repeat(8))))));
        assertEquals("""
                Usage: tool [options] COMMAND

                Does things. A sentence that goes on. A sentence that goes on. A sentence that
                goes on. A sentence that goes on. A sentence that goes on. A sentence that goes
                on. A sentence that goes on. A sentence that goes on.

                Options:
                      --a-rather-long-option-name SOMETHING
                                          too long a label: its text starts on the next line
                      --no-progress       no progress bar
                  -s, --server HOST:PORT  the server (transfer.info line 1), which the client
                                          connects to first, and again after every broken
                                          connection, until the retries run out

                Exit status:
                  0  done
                  2  bad command line, which is the user's to fix: try again try again try again
                     try again try again try again try again try again
                """, help);
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= HelpText.WIDTH, line);
            assertEquals(line.stripTrailing(), line);
        }
    }
}
