package dropvault.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What the server proves its identity with: a private key and its certificate chain, read from PEM
 * files or made at the first start and kept in a folder of the data folder.
 */
public record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {

    /** In the folder {@link #ownOrMake} keeps: the certificate (PEM). */
    public static final String CERTIFICATE_FILE = "certificate.pem";
    /** In the folder {@link #ownOrMake} keeps: the private key (PEM, PKCS#8), owner-only. */
    public static final String KEY_FILE = "private-key.pem";
    /**
     * RFC 5280's "no well-defined expiration date": a self-signed certificate pinned by its key's
     * fingerprint has nothing to gain from expiring, and a client would only learn to ignore it.
     */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    public ServerCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
    }

    /** The server's own certificate, the first of the chain. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** {@link Fingerprint#of} the server's certificate. */
    public String fingerprint() {
        return Fingerprint.of(certificate());
    }

    /**
     * Reads a certificate chain (PEM, the server's own first) and its private key (PEM: PKCS#8, or
     * the traditional RSA or EC forms of OpenSSL).
     *
     * @throws IOException naming the file that cannot be read or is not what it should be
     */
    public static ServerCredentials fromPem(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
        } catch (CertificateException e) {
            throw new IOException(certificateFile + ": not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateFile + ": no certificate in it");
        }
        PrivateKey key = readKey(keyFile);
        if (!matches(key, chain.getFirst())) {
            throw new IOException(keyFile + " is not the private key of the certificate in " + certificateFile);
        }
        return new ServerCredentials(key, chain);
    }

    private static PrivateKey readKey(Path keyFile) throws IOException {
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (o) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case null -> throw new IOException(keyFile + ": no PEM private key in it");
                default -> throw new IOException(keyFile + ": not an unencrypted private key (found "
                        + o.getClass().getSimpleName() + ")");
            };
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(keyFile.toString()) ? e
                    : new IOException(keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            java.security.Signature s = java.security.Signature.getInstance(algorithm);
            byte[] probe = "dropvault".getBytes(StandardCharsets.US_ASCII);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            s.initVerify(certificate.getPublicKey());
            s.update(probe);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Credentials and whether they were made just now. */
    public record Kept(ServerCredentials credentials, Path folder, boolean made) {
    }

    /**
     * The credentials kept in {@code folder} ({@link #CERTIFICATE_FILE}, {@link #KEY_FILE}), made
     * there first when they are not: an EC P-256 key pair and a self-signed certificate for
     * {@code commonName}. The folder is owner-only (0700) and so is the key (0600), whatever the umask.
     */
    public static Kept ownOrMake(Path folder, String commonName) throws IOException {
        Path certificate = folder.resolve(CERTIFICATE_FILE);
        Path key = folder.resolve(KEY_FILE);
        if (Files.exists(certificate) || Files.exists(key)) {
            ownerOnly(folder, OWNER_ONLY_FOLDER);
            ownerOnly(key, OWNER_ONLY_FILE);
            return new Kept(fromPem(certificate, key), folder, false);
        }
        Files.createDirectories(folder);
        ownerOnly(folder, OWNER_ONLY_FOLDER);
        ServerCredentials made = selfSigned(commonName, Instant.now(), NO_EXPIRY);
        // the key first: a certificate without its key is never left behind to be taken for a whole pair
        write(key, pem(made.key()));
        write(certificate, pem(made.certificate()));
        return new Kept(made, folder, true);
    }

    /**
     * An EC P-256 key pair and a certificate for it, signed by itself, valid from an hour before
     * {@code from}, naming {@code commonName} (a host name, or an IP address) as its subject and only name.
     */
    public static ServerCredentials selfSigned(String commonName, Instant from, Instant until) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;]", "-"));
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(from.minus(1, ChronoUnit.HOURS)), Date.from(until), subject, pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(ServerTrust.isIpAddress(commonName)
                    ? new GeneralName(GeneralName.iPAddress, commonName)
                    : new GeneralName(GeneralName.dNSName, commonName.replaceAll("[^A-Za-z0-9.-]", "-"))));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new ServerCredentials(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e, e);
        }
    }

    /** PEM text of a certificate or a private key (PKCS#8). */
    public static String pem(Object certificateOrKey) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            if (certificateOrKey instanceof PrivateKey k) {
                pw.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null));
            } else {
                pw.writeObject(certificateOrKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** Writes {@code text} to a new owner-only file beside {@code target}, then moves it into place. */
    private static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot make " + tmp + ": it appeared meanwhile", e);
        }
        ownerOnly(tmp, OWNER_ONLY_FILE);
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    /** Sets exactly these permissions (the umask can take bits away at creation, never add them back). */
    private static void ownerOnly(Path p, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.exists(p)) {
            try {
                Files.setPosixFilePermissions(p, permissions);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more to do here
            }
        }
    }

    /**
     * A server-side TLS 1.3 context of {@code provider} that proves these credentials. A client
     * certificate, where the socket asks for one ({@code setWantClientAuth}), is taken whoever signed
     * it: it proves that the peer holds its key, and the protocol decides what that key is worth.
     */
    public SSLContext serverContext(TlsProvider provider) throws GeneralSecurityException {
        SSLContext context = provider.newContext();
        context.init(keyManagers(key, chain.toArray(X509Certificate[]::new)),
                new javax.net.ssl.TrustManager[] {AnyClientCertificate.INSTANCE}, new SecureRandom());
        return context;
    }

    /** Key managers that prove {@code key} with {@code chain}, the server's or a client's. */
    static KeyManager[] keyManagers(PrivateKey key, X509Certificate[] chain) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        char[] password = new char[0];
        store.setKeyEntry("own", key, password, chain);
        // SunX509: Conscrypt fails a server's handshake with NO_CERTIFICATE_SET behind PKIX or NewSunX509
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, password);
        return kmf.getKeyManagers();
    }
}
