package dropvault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void aKeyAndACertificateAreMadeOnceOwnerOnlyAndKept() throws Exception {
        Path folder = dir.resolve("data/tls");
        Files.createDirectories(folder.getParent());
        ServerCredentials.Kept made = ServerCredentials.ownOrMake(folder, "vault.example");
        assertTrue(made.made());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(ServerCredentials.KEY_FILE))));
        assertEquals("EC", made.credentials().key().getAlgorithm());
        assertEquals("SHA256withECDSA", made.credentials().certificate().getSigAlgName());
        assertEquals(ServerCredentials.NO_EXPIRY, made.credentials().certificate().getNotAfter().toInstant());
        assertTrue(Files.readString(folder.resolve(ServerCredentials.CERTIFICATE_FILE)).startsWith("-----BEGIN CERTIFICATE-----"));

        // loosened by hand (or made under a lax umask): made owner-only again at the next start
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(folder.resolve(ServerCredentials.KEY_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        ServerCredentials.Kept again = ServerCredentials.ownOrMake(folder, "vault.example");
        assertFalse(again.made());
        assertEquals(made.credentials().fingerprint(), again.credentials().fingerprint());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(ServerCredentials.KEY_FILE))));
    }

    @Test
    void readsOpenSslsPemFilesPkcs8AndTraditional() throws Exception {
        Path cert = resource("openssl-certificate.pem");
        ServerCredentials pkcs8 = ServerCredentials.fromPem(cert, resource("openssl-private-key.pem"));
        ServerCredentials sec1 = ServerCredentials.fromPem(cert, resource("openssl-ec-private-key.pem"));
        assertEquals("SHA256:MhmE55Wh+QaJMTd213TRHRVFLgvdsfjBgB3Jp/aWLN0", pkcs8.fingerprint());
        assertEquals(pkcs8.fingerprint(), sec1.fingerprint());
    }

    @Test
    void aKeyOfAnotherCertificateOrNoKeyAtAllIsNamed() throws Exception {
        Path cert = resource("openssl-certificate.pem");
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(otherKey, ServerCredentials.pem(
                ServerCredentials.selfSigned("other", Instant.now(), Instant.now().plusSeconds(3600)).key()));
        IOException e = assertThrows(IOException.class, () -> ServerCredentials.fromPem(cert, otherKey));
        assertTrue(e.getMessage().contains("is not the private key of the certificate"), e.getMessage());
        IOException noKey = assertThrows(IOException.class, () -> ServerCredentials.fromPem(cert, cert));
        assertTrue(noKey.getMessage().contains(cert.toString()), noKey.getMessage());
        IOException noCert = assertThrows(IOException.class,
                () -> ServerCredentials.fromPem(otherKey, resource("openssl-private-key.pem")));
        assertTrue(noCert.getMessage().contains(otherKey.toString()), noCert.getMessage());
    }

    @Test
    void anIpAddressIsNamedAsOneAndAHostNameAsADnsName() {
        assertTrue(ServerTrust.namesHost(ServerCredentials.selfSigned("127.0.0.1", Instant.now(),
                Instant.now().plusSeconds(60)).certificate(), "127.0.0.1"));
        assertTrue(ServerTrust.namesHost(ServerCredentials.selfSigned("vault.example", Instant.now(),
                Instant.now().plusSeconds(60)).certificate(), "VAULT.example"));
        assertFalse(ServerTrust.namesHost(ServerCredentials.selfSigned("vault.example", Instant.now(),
                Instant.now().plusSeconds(60)).certificate(), "127.0.0.1"));
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = ServerCredentialsTest.class.getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }
}
