package dropvault.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A client's proof over TLS that it holds the private key of its protocol key (docs/TLS.md,
 * key-bound clients): a certificate of that very key pair (RSA 1024, e = 17), signed by itself, made in
 * memory for each connection and never written. Its SubjectPublicKeyInfo is the protocol's 160-byte
 * public key field; the handshake's CertificateVerify, signed with the private key, is the proof.
 *
 * @param key         the private key (the JDK's own form of it, whoever made it)
 * @param certificate the certificate of its public key
 */
public record ClientCertificate(PrivateKey key, X509Certificate certificate) {

    /**
     * The certificate of {@code privateKey}'s key pair, its public key taken from the private key's
     * PKCS#8 form (the modulus and public exponent it holds, as in {@code priv.key}).
     *
     * @return empty for a key that does not hold its public half (not RSA, or not in CRT form)
     */
    public static Optional<ClientCertificate> of(PrivateKey privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!"RSA".equals(privateKey.getAlgorithm()) || privateKey.getEncoded() == null
                    || !(rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey.getEncoded())) instanceof RSAPrivateCrtKey k)
                    || k.getPublicExponent() == null || k.getPublicExponent().signum() <= 0) {
                return Optional.empty();
            }
            KeyPair pair = new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())), k);
            return Optional.of(new ClientCertificate(k, selfSigned(pair)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
        try {
            X500Name subject = new X500Name("CN=dropvault client");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(ServerCredentials.NO_EXPIRY), subject,
                    pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make the client certificate: " + e.getMessage(), e);
        }
    }

    /** The protocol's public key field: the certificate's SubjectPublicKeyInfo (DER). */
    public byte[] publicKey() {
        return certificate.getPublicKey().getEncoded();
    }

    /** Key managers that present this certificate to any server that asks for one. */
    public KeyManager[] keyManagers() throws GeneralSecurityException {
        return ServerCredentials.keyManagers(key, new X509Certificate[] {certificate});
    }
}
