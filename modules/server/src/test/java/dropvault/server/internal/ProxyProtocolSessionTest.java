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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proxy.protocol: the session's log line names the client of the PROXY header, not the balancer. */
class ProxyProtocolSessionTest {
    @TempDir
    Path data;

    @Test
    void theSessionLogNamesTheClientOfTheHeader() throws Exception {
        LogLines lines = LogLines.of("dropvault.server");
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
            String line = lines.await("session ");
            assertTrue(line.startsWith("session peer=/203.0.113.7:40123 "), line);
        } finally {
            lines.close();
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
