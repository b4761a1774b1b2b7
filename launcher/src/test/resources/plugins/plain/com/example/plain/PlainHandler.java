package com.example.plain;

import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.OptionalLong;
import java.util.Set;

/** A handler in a jar with no module-info: the server takes only modules. */
public final class PlainHandler implements RequestHandler {
    @Override
    public Set<Integer> codes() {
        return Set.of(993);
    }

    @Override
    public OptionalLong maxPayloadSize(int code) {
        return OptionalLong.of(0);
    }

    @Override
    public void handle(Request request, Session session) {
        throw new UnsupportedOperationException("never loaded");
    }
}
