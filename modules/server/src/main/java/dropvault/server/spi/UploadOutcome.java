package dropvault.server.spi;

/** How an upload ended, for {@link Uploads#end}. */
public enum UploadOutcome {
    /** 900: the file is in place and recorded verified. */
    STORED,
    /** 901: the client sends the packets again; the temporary file is dropped. */
    RESEND,
    /** 902: the client gave up; the temporary file is dropped. */
    ABANDONED
}
