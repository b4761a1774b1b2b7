/**
 * What the protocol needs of cryptography: RSA-1024/e=17 keys, OAEP key wrap, streaming
 * AES-256-CBC, and the POSIX cksum. The JCA provider behind it is chosen by name; Bouncy Castle
 * and Conscrypt are optional at run time, so a missing one is reported when it is asked for.
 */
module dropvault.crypto {
    requires static org.bouncycastle.provider;
    requires static org.conscrypt;

    exports dropvault.crypto;
}
