package org.arroyo.camel.redisstream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * Adds entries to a Redis stream (XADD) and reads them in a consumer group (XREADGROUP),
 * acknowledging each (XACK) only once the route processed it: the durable alternative to pub/sub.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "redis-stream", title = "Redis Stream", syntax = "redis-stream:key",
             category = { Category.MESSAGING }, headersClass = RedisStreamConstants.class)
public class RedisStreamEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final RedisStreamConfiguration configuration;
    private JedisConnectionFactory ownConnectionFactory;

    public RedisStreamEndpoint(String uri, RedisStreamComponent component, RedisStreamConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public RedisStreamConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new RedisStreamProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getGroup() == null || configuration.getGroup().isBlank()) {
            throw new IllegalArgumentException("a redis-stream consumer reads in a consumer group: give the URI group=NAME ("
                    + getEndpointUri() + ")");
        }
        RedisStreamConsumer consumer = new RedisStreamConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The given connection factory, else one for host and port that this endpoint owns. */
    synchronized RedisConnectionFactory connectionFactory() {
        if (configuration.getConnectionFactory() != null) {
            return configuration.getConnectionFactory();
        }
        if (ownConnectionFactory == null) {
            ownConnectionFactory = new JedisConnectionFactory(
                    new RedisStandaloneConfiguration(configuration.getHost(), configuration.getPort()));
            ownConnectionFactory.afterPropertiesSet();
        }
        return ownConnectionFactory;
    }

    byte[] keyBytes() {
        return configuration.getKey().getBytes(StandardCharsets.UTF_8);
    }

    byte[] fieldBytes() {
        return configuration.getField().getBytes(StandardCharsets.UTF_8);
    }

    /** The names of the headers carried as entry fields, each with its field name as bytes. */
    Map<String, byte[]> carriedHeaders() {
        Map<String, byte[]> carried = new LinkedHashMap<>();
        if (configuration.getHeaders() != null) {
            for (String name : configuration.getHeaders().split(",")) {
                if (!name.isBlank()) {
                    carried.put(name.strip(), name.strip().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return carried;
    }

    String consumerName() throws UnknownHostException {
        String name = configuration.getConsumerName();
        return name != null && !name.isBlank() ? name : InetAddress.getLocalHost().getHostName();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (ownConnectionFactory != null) {
            ownConnectionFactory.destroy();
            ownConnectionFactory = null;
        }
        super.doStop();
    }

    @Override
    public String getServiceUrl() {
        return configuration.getConnectionFactory() != null ? configuration.getKey()
                : configuration.getHost() + ":" + configuration.getPort() + "/" + configuration.getKey();
    }

    @Override
    public String getServiceProtocol() {
        return "redis";
    }
}
