package org.arroyo.benchmarks;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A destination on a broker as the benchmark processes name it: {@code BROKER://[USER:PASSWORD@]HOST:PORT/NAME}, where
 * BROKER is {@code redis} (NAME is a pub/sub channel), {@code redis-stream} (a stream), {@code kafka} (a topic of one
 * partition) or {@code rabbitmq} (a queue, reached through the default exchange).
 *
 * @param userInfo {@code USER:PASSWORD}, or null
 */
record BrokerAddress(Broker broker, String userInfo, String host, int port, String name) {

    static boolean isBrokerAddress(String address) {
        int colon = address.indexOf("://");
        return colon > 0 && Broker.ofScheme(address.substring(0, colon)) != null;
    }

    static BrokerAddress parse(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a broker address: " + address, e);
        }
        Broker broker = uri.getScheme() == null ? null : Broker.ofScheme(uri.getScheme());
        String name = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (broker == null || uri.getHost() == null || uri.getPort() < 0 || name.isEmpty()) {
            throw new IllegalArgumentException("expected BROKER://[USER:PASSWORD@]HOST:PORT/NAME with BROKER redis, redis-stream,"
                                               + " kafka or rabbitmq, got '" + address + "'");
        }
        return new BrokerAddress(broker, uri.getUserInfo(), uri.getHost(), uri.getPort(), name);
    }

    /** The broker at {@code [USER:PASSWORD@]HOST:PORT}, without a destination yet. */
    static BrokerAddress server(Broker broker, String authority) {
        URI uri = URI.create(broker.scheme() + "://" + authority);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("expected [USER:PASSWORD@]HOST:PORT for " + broker.title() + ", got '"
                                               + authority + "'");
        }
        return new BrokerAddress(broker, uri.getUserInfo(), uri.getHost(), uri.getPort(), "");
    }

    BrokerAddress named(String destination) {
        return new BrokerAddress(broker, userInfo, host, port, destination);
    }

    /** The same server and destination, reached as another broker (Redis pub/sub and Redis Streams share a server). */
    BrokerAddress on(Broker other) {
        return new BrokerAddress(other, userInfo, host, port, name);
    }

    String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return broker.scheme() + "://" + (userInfo == null ? "" : userInfo + "@") + hostPort() + "/" + name;
    }
}
