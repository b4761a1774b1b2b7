package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.testing.server.RealServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: usage errors, exit status, and the JSON and JUnit files. */
class CheckCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CheckCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--restart-command"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("server"));
        assertEquals(2, run("server", "localhost"));
        assertEquals(2, run("server", "localhost:0"));
        assertEquals(2, run("server", "localhost:99999"));
        assertEquals(2, run("client"));
        assertEquals(2, run("client", "--port", "x"));
        assertEquals(2, run("client", "--port", "0", "--scenario", "nonsense"));
        assertEquals(2, run("fly"));
        assertEquals(2, run("server", "127.0.0.1:1", "--timeout", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(try --help)"));
    }

    @Test
    void aSilentServerFailsItsFirstCheckWithinTheTimeoutAndTheRestAreNotRun(@TempDir Path dir) throws Exception {
        // accepts connections and never answers nor reads
        try (ServerSocket silent = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Path json = dir.resolve("r.json");
            Path junit = dir.resolve("r.xml");
            int status = run("server", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "1", "--max-upload", "1024",
                    "--concurrent", "2", "--json", json.toString(), "--junit", junit.toString());
            silent.close();
            acceptor.join();
            for (Socket s : held) {
                s.close();
            }
            String table = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, table);
            assertTrue(table.contains("timeout: no answer within 1000 ms"), table);
            assertTrue(table.contains("not run: the server stopped answering after check 01-register"), table);
            assertTrue(table.contains("dialect: none of §8"), table);
            assertTrue(table.contains("result: FAILED"), table);
            String j = Files.readString(json);
            assertTrue(j.startsWith("{\n  \"dialect\": null,\n  \"checks\": ["), j);
            Matcher m = Pattern.compile("\\{\"id\": \"[^\"]+\", \"section\": \"§\\d+\", \"status\": \"(pass|warn|fail)\","
                    + " \"evidence\": \"(?:[^\"\\\\]|\\\\.)*\"\\}").matcher(j);
            int checks = 0;
            while (m.find()) {
                checks++;
            }
            String x = Files.readString(junit);
            int cases = x.split("<testcase ", -1).length - 1;
            assertEquals(checks, cases, x);
            assertTrue(checks >= 30, j);
            assertTrue(x.contains("<failure message="), x);
        }
    }

    @Test
    void aClosedPortFailsFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(1, run("server", "127.0.0.1:" + port, "--timeout", "2", "--max-upload", "0"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Connection refused"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ourServerThroughTheCommandLineExitsZero(@TempDir Path data) throws Exception {
        try (RealServer server = RealServer.start(data)) {
            Path json = data.resolve("ok.json");
            int status = run("server", "127.0.0.1:" + server.port(), "--max-upload", "2048", "--json", json.toString());
            assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
            assertTrue(Files.readString(json).contains("\"status\": \"pass\""));
            assertTrue(!Files.readString(json).contains("\"status\": \"fail\""));
        }
    }

    @Test
    void jsonAndXmlEscapeWhatTheyQuote() {
        Report r = new Report("server", "h:1", null, List.of(new CheckResult("01-x", "§1", Status.FAIL,
                "a \"quote\" \\ <tag> & \u0001")));
        String j = ReportWriter.json(r);
        assertTrue(j.contains("\"evidence\": \"a \\\"quote\\\" \\\\ <tag> & \\u0001\""), j);
        assertTrue(j.contains("\"dialect\": null"), j);
        String x = ReportWriter.junit(r);
        assertTrue(x.contains("message=\"a &quot;quote&quot; \\ &lt;tag&gt; &amp;  \""), x);
    }
}
