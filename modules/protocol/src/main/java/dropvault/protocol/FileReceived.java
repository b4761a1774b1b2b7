package dropvault.protocol;

/** 1603: the file arrived; content size is the ciphertext received, cksum that of the plaintext. */
public record FileReceived(ClientId clientId, long contentSize, NameField fileName, long cksum)
        implements ResponsePayload {
    public FileReceived {
        if (contentSize < 0 || contentSize > 0xFFFF_FFFFL || cksum < 0 || cksum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("content size and cksum are u32");
        }
    }

    @Override
    public int code() {
        return ResponseCode.FILE_RECEIVED.code();
    }
}
