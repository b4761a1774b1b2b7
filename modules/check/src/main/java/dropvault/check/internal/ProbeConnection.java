package dropvault.check.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.IntConsumer;

/** One connection the client mode's server serves: what the client has done on it, and the answers. */
final class ProbeConnection {
    final Socket socket;
    final StreamReader in;
    private final OutputStream out;
    private final ProbeSettings settings;
    ClientId id = ClientId.ZERO;
    String name;
    byte[] aesKey;
    /** The packets of the upload in progress; null between uploads. */
    UploadSeen upload;
    /** The upload 1603 answered, until its verdict. */
    UploadSeen answered;
    int lastReply;
    byte[] lastRequest;
    int lastRequestCode;

    ProbeConnection(Socket socket, ProbeSettings settings, IntConsumer onRead) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.in = new StreamReader(socket.getInputStream(), onRead);
        this.out = socket.getOutputStream();
    }

    void reply(int code, byte[] payload) throws IOException {
        reply(code, payload, payload.length);
    }

    void reply(int code, byte[] payload, long declared) throws IOException {
        if (settings.scenario() == Scenario.SLOW && settings.delay().toMillis() > 0) {
            try {
                // the scenario: the answer comes late on purpose
                Thread.sleep(settings.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SocketException("interrupted");
            }
        }
        byte[] f = new byte[Protocol.RESPONSE_HEADER_SIZE + payload.length];
        f[0] = Protocol.VERSION;
        Le.putU16(f, 1, code);
        Le.putU32(f, 3, declared);
        System.arraycopy(payload, 0, f, Protocol.RESPONSE_HEADER_SIZE, payload.length);
        out.write(f);
        out.flush();
        lastReply = code;
    }

    void error() throws IOException {
        reply(ResponseCode.GENERAL_ERROR.code(), new byte[0]);
    }
}
