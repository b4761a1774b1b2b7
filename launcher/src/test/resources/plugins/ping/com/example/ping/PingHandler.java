package com.example.ping;

import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.OptionalLong;
import java.util.Set;

/** Answers request 990 with response 1990 carrying the request's payload back. */
public final class PingHandler implements RequestHandler {
    static final int PING = 990;
    static final int PONG = 1990;

    @Override
    public Set<Integer> codes() {
        return Set.of(PING);
    }

    @Override
    public OptionalLong maxPayloadSize(int code) {
        return code == PING ? OptionalLong.of(64) : OptionalLong.empty();
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        OpaquePayload ping = (OpaquePayload) request.payload();
        session.reply(new OpaqueResponse(PONG, ping.bytes()));
    }
}
