package dropvault.server.internal.safeguards;

import dropvault.server.Safeguards;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/** Shares of given settings on a clock the test moves. */
final class SharesTestSupport {
    static final AtomicLong NEVER = new AtomicLong();

    private SharesTestSupport() {
    }

    static Shares shares(Safeguards settings, AtomicLong clock) {
        return new Shares(settings, new SourceGroups(settings.ipv4Prefix(), settings.ipv6Prefix(), settings.exempt()),
                clock::get, System.getLogger("test"));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
