/**
 * The wire protocol of dropvault (version 3): headers, codes, one immutable record per payload,
 * fixed-width name fields, and a length-checked codec. Uses nothing but the JDK.
 */
module dropvault.protocol {
    exports dropvault.protocol;
}
