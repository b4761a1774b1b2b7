package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.ResponseDecoder;
import dropvault.server.Server;
import dropvault.server.ServerConfig;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proxy.protocol: the session's log line names the client of the PROXY header, not the balancer. */
class ProxyProtocolSessionTest {
    @TempDir
    Path data;

    @Test
    void theSessionLogNamesTheClientOfTheHeader() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                // the session line is logged with its fields as parameters
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("dropvault.server");
        log.addHandler(capture);
        Properties p = new Properties();
        p.setProperty(ServerConfig.PROXY_PROTOCOL, "v1");
        ServerConfig config = ServerConfig.fromProperties(p, ServerConfig.defaults())
                .withBindAddress(InetAddress.getLoopbackAddress()).withPort(0).withDataDir(data)
                .withLimits(16, 1, Duration.ofSeconds(30));
        assertEquals("v1", config.proxyProtocol());
        DispatcherTest.TestHandler handler = new DispatcherTest.TestHandler();
        try (Server server = Server.builder(config).handlers(List.of(handler)).store(new MemoryStore()).start();
             Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("PROXY TCP4 203.0.113.7 198.51.100.1 40123 1256\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO,
                    new OpaquePayload(DispatcherTest.ECHO, new byte[] {1})));
            ResponseDecoder in = new ResponseDecoder(s.getInputStream(), 64);
            assertEquals(3000, in.read().orElseThrow().code());
            s.shutdownOutput();
            assertTrue(in.read().isEmpty());
            String line;
            do {
                line = lines.poll(60, TimeUnit.SECONDS);
                assertTrue(line != null, "no session line within 60 s");
            } while (!line.startsWith("session "));
            assertTrue(line.startsWith("session peer=/203.0.113.7:40123 "), line);
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aBadSettingIsRefusedNamingTheKey() {
        Properties p = new Properties();
        p.setProperty(ServerConfig.PROXY_PROTOCOL, "maybe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromProperties(p, ServerConfig.defaults()));
        assertTrue(e.getMessage().startsWith("proxy.protocol"), e.getMessage());
        assertEquals("off", ServerConfig.defaults().proxyProtocol());
    }
}
