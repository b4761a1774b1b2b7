/**
 * TLS around the protocol: the provider (Conscrypt, else the JDK's), the server's credentials (PEM
 * files, or a key pair and a self-signed certificate made with Bouncy Castle at the first start),
 * fingerprints in OpenSSH's form, and the client's check of the server's identity. Neither the
 * protocol nor any handler plugin depends on it: the server's listener, the client and the tools do.
 */
module dropvault.tls {
    requires org.conscrypt;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports dropvault.tls;
}
