package com.example.desktop;

import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.awt.Toolkit;
import java.util.OptionalLong;
import java.util.Set;

/** Beeps on request 991. */
public final class BeepHandler implements RequestHandler {
    @Override
    public Set<Integer> codes() {
        return Set.of(991);
    }

    @Override
    public OptionalLong maxPayloadSize(int code) {
        return OptionalLong.of(0);
    }

    @Override
    public void handle(Request request, Session session) {
        Toolkit.getDefaultToolkit().beep();
    }
}
