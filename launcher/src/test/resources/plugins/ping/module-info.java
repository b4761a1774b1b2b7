/** A third-party handler plugin: serves request 990 (ping) with response 1990 (pong). */
module com.example.ping {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with com.example.ping.PingHandler;
}
