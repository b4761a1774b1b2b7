package dropvault.protocol;

/** Sizes and constants of protocol version 3 (PROTOCOL.md §1-§4). */
public final class Protocol {
    public static final int VERSION = 3;
    public static final int REQUEST_HEADER_SIZE = 23;
    public static final int RESPONSE_HEADER_SIZE = 7;
    public static final int CLIENT_ID_SIZE = 16;
    public static final int NAME_SIZE = 255;
    public static final int PUBLIC_KEY_SIZE = 160;
    public static final int WRAPPED_KEY_SIZE = 128;
    public static final int AES_KEY_SIZE = 32;
    /** Bytes of an 828 payload before the ciphertext. */
    public static final int PACKET_HEADER_SIZE = 12 + NAME_SIZE;
    /** Ciphertext bytes a packet carries by default. */
    public static final int DEFAULT_PACKET_DATA = 1024;
    /** The payload size of the padded dialect (PROTOCOL.md §8): 267 + 1024. */
    public static final int PADDED_PACKET_PAYLOAD = PACKET_HEADER_SIZE + DEFAULT_PACKET_DATA;
    public static final int MAX_PACKETS = 0xFFFF;
    /** §5: a client sends a file again (901) at most three times. */
    public static final int MAX_RESENDS = 3;
    /** The largest ciphertext a u32 content size can describe, rounded down to whole AES blocks. */
    public static final long MAX_CONTENT_SIZE = 0xFFFF_FFF0L;
    /** The largest plaintext file: 4 GiB - 17 bytes. */
    public static final long MAX_FILE_SIZE = MAX_CONTENT_SIZE - 1;

    private Protocol() {
    }
}
