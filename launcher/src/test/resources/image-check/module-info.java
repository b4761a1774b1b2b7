/** Run by RuntimeImageIT on the image's java: uses the third-party modules the way the server does. */
module dropvault.imagecheck {
    requires dropvault.crypto;
    requires mapdb;
    requires lz4;
    requires org.eclipse.collections.api;
    // as dropvault.launcher does: dropvault.crypto's optional providers must be in the boot layer
    requires org.bouncycastle.provider;
    requires org.conscrypt;
}
