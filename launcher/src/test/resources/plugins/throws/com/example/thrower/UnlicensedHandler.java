package com.example.thrower;

import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.OptionalLong;
import java.util.Set;

/** Its constructor throws. */
public final class UnlicensedHandler implements RequestHandler {
    public UnlicensedHandler() {
        throw new IllegalStateException("no licence key found");
    }

    @Override
    public Set<Integer> codes() {
        return Set.of(992);
    }

    @Override
    public OptionalLong maxPayloadSize(int code) {
        return OptionalLong.of(0);
    }

    @Override
    public void handle(Request request, Session session) {
        throw new UnsupportedOperationException("never created");
    }
}
