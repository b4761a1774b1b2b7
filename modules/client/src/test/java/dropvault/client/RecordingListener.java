package dropvault.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what an upload reports. */
final class RecordingListener implements UploadListener {
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    final List<Integer> transfers = new CopyOnWriteArrayList<>();
    long lastProgress = -1;

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void serverError(String detail) {
        serverErrors.add(detail);
    }

    @Override
    public void transferStarted(int attempt, long contentSize) {
        transfers.add(attempt);
    }

    @Override
    public void progress(long sentBytes, long contentSize) {
        if (sentBytes < lastProgress || sentBytes > contentSize) {
            throw new AssertionError("progress went from " + lastProgress + " to " + sentBytes + " of " + contentSize);
        }
        lastProgress = sentBytes;
    }

    @Override
    public void transferFinished() {
        lastProgress = -1;
    }
}
