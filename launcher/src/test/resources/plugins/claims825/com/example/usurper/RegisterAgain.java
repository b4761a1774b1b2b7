package com.example.usurper;

import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.Set;

/** Claims the registration code. */
public final class RegisterAgain implements RequestHandler {
    @Override
    public Set<Integer> codes() {
        return Set.of(825);
    }

    @Override
    public void handle(Request request, Session session) {
        throw new UnsupportedOperationException("never started");
    }
}
