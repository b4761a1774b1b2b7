package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: where the port and the rest of the configuration come from. */
class ServerMainTest {
    @TempDir
    Path work;

    private ServerConfig config(String... args) throws Exception {
        return ServerMain.config(ServerOptions.parse(args), work);
    }

    private Path configFile(String text) throws Exception {
        return Files.writeString(work.resolve("server.properties"), text);
    }

    @Test
    void thePortComesFromTheOptionThenPortInfoThenTheConfigThen1256() throws Exception {
        Path conf = configFile("port=4000\n");
        assertEquals(1256, config().port());
        assertEquals(4000, config("--config", conf.toString()).port());
        Files.writeString(work.resolve("port.info"), "4100\r\n");
        assertEquals(4100, config("--config", conf.toString()).port());
        assertEquals(4200, config("--config", conf.toString(), "--port", "4200").port());
        assertEquals(0, config("-p", "0").port());
    }

    @Test
    void theOptionsWinOverTheConfigFile() throws Exception {
        Path conf = configFile("bind=127.0.0.1\ndata=from-config\nmax.file.size=1000\nmax.connections=7\n");
        ServerConfig fromFile = config("--config", conf.toString());
        assertEquals("127.0.0.1", fromFile.bindAddress().getHostAddress());
        assertEquals(Path.of("from-config"), fromFile.dataDir());
        assertEquals(1000, fromFile.maxFileSize());
        assertEquals(7, fromFile.maxConnections());
        ServerConfig overridden = config("--config", conf.toString(), "--bind", "::1", "--data", "elsewhere");
        assertEquals("0:0:0:0:0:0:0:1", overridden.bindAddress().getHostAddress());
        assertEquals(Path.of("elsewhere"), overridden.dataDir());
    }

    @Test
    void badValuesAreNamed() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> config("--port", "65536"));
        assertThrows(IllegalArgumentException.class, () -> config("--port", "http"));
        Files.writeString(work.resolve("port.info"), "not a port\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config());
        assertEquals("port.info is not a port: 'not a port'", e.getMessage().replace(work + "/", ""));
        Files.delete(work.resolve("port.info"));
        Path conf = configFile("max.connections=many\n");
        e = assertThrows(IllegalArgumentException.class, () -> config("--config", conf.toString()));
        assertEquals("max.connections is not a number: 'many'", e.getMessage());
        assertThrows(java.io.IOException.class, () -> config("--config", work.resolve("missing").toString()));
    }

    @Test
    void helpVersionAndUsageErrorsExitWithoutStarting() {
        assertEquals(0, ServerMain.run(new String[] {"--help"}));
        assertEquals(0, ServerMain.run(new String[] {"--version"}));
        assertEquals(2, ServerMain.run(new String[] {"--no-such-option"}));
        assertEquals(2, ServerMain.run(new String[] {"--port"}));
        assertEquals(2, ServerMain.run(new String[] {"stray"}));
        assertEquals(2, ServerMain.run(new String[] {"--port", "x"}));
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertEquals(false, Version.get().contains("${"), Version.get());
        assertEquals(false, Version.get().equals("unknown"));
    }
}
