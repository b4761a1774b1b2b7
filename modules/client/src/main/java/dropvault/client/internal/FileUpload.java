package dropvault.client.internal;

import static dropvault.client.internal.ServerExchange.MAX_ATTEMPTS;

import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult;
import dropvault.client.internal.ServerExchange.Sender;
import dropvault.client.internal.ServerExchange.Step;
import dropvault.client.internal.ServerExchange.UploadLostException;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.FileReceived;
import dropvault.protocol.NameField;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.util.Set;

/**
 * The file, once the session has its key: streamed encrypted, the server's cksum compared with its
 * own, then confirmed (900); on a mismatch 901 and the whole file again, at most three resends, then
 * 902. With {@code findDialect}, a dialect the server does not take gives way to the next one.
 */
final class FileUpload {
    static final int MAX_RESENDS = 3;

    private static final int FILE_RECEIVED = ResponseCode.FILE_RECEIVED.code();
    private static final int THANKS = ResponseCode.THANKS.code();

    private final UploadConfig config;
    private final CryptoSuite crypto;
    private final UploadListener listener;
    private final ServerExchange exchange;
    private final Handshake handshake;
    private final DialectChoice dialects;
    private FileSender.Sums lastSums;

    FileUpload(UploadConfig config, CryptoSuite crypto, UploadListener listener, ServerExchange exchange,
               Handshake handshake, DialectChoice dialects) {
        this.config = config;
        this.crypto = crypto;
        this.listener = listener;
        this.exchange = exchange;
        this.handshake = handshake;
        this.dialects = dialects;
    }

    UploadResult upload(LocalFile file, PacketPlan plan) throws UploadException, LocalFileException {
        int transfers = 0;
        int resends = 0;
        int lostVerdicts = 0;
        FileSender sender = new FileSender(file, plan, dialects.current(), listener);
        long allowed = config.answerWait().allowedMillis(plan.contentSize());
        long bound = config.answerWait().searchMillis(plan.contentSize());
        if (config.findDialect()) {
            exchange.boundAnswers(allowed);
        }
        while (true) {
            boolean afterRetry = resends > 0;
            FileSender current = sender;
            Response r;
            try {
                r = exchange.exchange(new Step("file (828 x " + plan.packets() + ", " + dialects.current() + ")",
                        c -> sendFile(c, current), Set.of(FILE_RECEIVED), afterRetry ? Set.of(THANKS) : Set.of(),
                        true, false, dialects.anotherLeft() ? 1 : MAX_ATTEMPTS));
            } catch (UploadException e) {
                if (!dialects.anotherLeft() || e.failure() == Failure.LOCAL_FILE) {
                    throw e;
                }
                Dialect refused = dialects.current();
                if (exchange.silentMillis() + allowed > bound) {
                    listener.dialect("the server did not take the file in dialect " + refused + " (" + e.getMessage()
                            + "); no time left to try another");
                    throw new UploadException(Failure.CONNECTION, "the server stayed silent for " + exchange.silentMillis()
                            + " ms in all, the bound of a dialect search for this file (" + bound + " ms); last "
                            + e.getMessage());
                }
                Dialect next = dialects.next();
                while (!FileSender.fits(next, plan.contentSize()) && dialects.anotherLeft()) {
                    next = dialects.next();
                }
                if (!FileSender.fits(next, plan.contentSize())) {
                    throw e;
                }
                listener.dialect("the server did not take the file in dialect " + refused + " (" + e.getMessage()
                        + "); trying " + next);
                exchange.dropConnection();
                sender = new FileSender(file, plan, next, listener);
                continue;
            }
            transfers++;
            exchange.boundAnswers(0);
            FileReceived received = (FileReceived) r.payload();
            if (!received.fileName().text().equals(file.wireName().text())) {
                throw new UploadException(Failure.SERVER, "the server's 1603 names the file '" + received.fileName()
                        + "', not '" + file.wireName() + "'");
            }
            // servers in the wild put the ciphertext, the plaintext or a packet's size here: the cksum decides
            if (received.contentSize() != plan.contentSize()) {
                listener.info("the server's 1603 says " + received.contentSize() + " bytes, not the "
                        + plan.contentSize() + " of ciphertext");
            }
            long cksum = lastSums.cksum();
            // a server in the wild sends zlib's CRC-32 of the file: finding it there, the content arrived intact
            boolean crc32 = received.cksum() != cksum && received.cksum() == lastSums.crc32();
            if (received.cksum() == cksum || crc32) {
                try {
                    verdict(CrcReport.Verdict.MATCHED, file.wireName());
                } catch (UploadLostException e) {
                    if (++lostVerdicts >= MAX_ATTEMPTS) {
                        throw new UploadException(Failure.CONNECTION, "the connection broke " + lostVerdicts
                                + " times before the server confirmed the file");
                    }
                    continue;
                }
                if (crc32) {
                    String said = "the server's 1603 carries the file's CRC-32 " + received.cksum() + ", not its cksum "
                            + cksum + ": this server uses zlib's CRC-32; the content arrived intact";
                    if (dialects.knownCrc32()) {
                        listener.info(said);
                    } else {
                        listener.dialect(said);
                    }
                }
                listener.info("file confirmed: cksum " + cksum);
                dialects.found(listener, crc32);
                return new UploadResult(handshake.identity().clientId(), handshake.start(), file.wireName().text(),
                        file.size(), plan.contentSize(), cksum, transfers);
            }
            String mismatch = "the server's cksum " + received.cksum() + " (" + received.contentSize()
                    + " bytes) does not match the file's " + cksum + " (" + plan.contentSize() + " bytes)";
            if (resends == MAX_RESENDS) {
                try {
                    verdict(CrcReport.Verdict.ABORT, file.wireName());
                } catch (UploadLostException e) {
                    listener.serverError("the connection broke before 902 was acknowledged");
                } catch (UploadException e) {
                    listener.serverError("902 was not acknowledged: " + e.getMessage());
                }
                throw new UploadException(Failure.CRC_MISMATCH, mismatch + " after " + MAX_RESENDS
                        + " resends; gave up (902)");
            }
            resends++;
            listener.info(mismatch + "; sending it again (901, resend " + resends + " of " + MAX_RESENDS + ")");
            exchange.sendWithoutAnswer(RequestEncoder.encode(handshake.identity().clientId(),
                    new CrcReport(CrcReport.Verdict.RETRY, file.wireName())));
        }
    }

    private void verdict(CrcReport.Verdict verdict, NameField fileName) throws UploadException, LocalFileException {
        String what = switch (verdict) {
            case MATCHED -> "crc ok (900)";
            case RETRY -> "crc bad (901)";
            case ABORT -> "crc bad, giving up (902)";
        };
        exchange.exchange(new Step(what, Sender.of(handshake.identity()::clientId, new CrcReport(verdict, fileName)),
                Set.of(THANKS), Set.of(), true, true));
    }

    private void sendFile(Connection c, FileSender sender) throws IOException, LocalFileException {
        lastSums = sender.send(c, handshake.identity().clientId(), () -> crypto.encryptor(handshake.aesKey()));
    }
}
