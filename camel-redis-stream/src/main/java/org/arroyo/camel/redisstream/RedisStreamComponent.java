package org.arroyo.camel.redisstream;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code redis-stream} component: Redis Streams with consumer groups, on Spring Data Redis. */
@Component("redis-stream")
public class RedisStreamComponent extends DefaultComponent {

    @Metadata(description = "Options shared by the endpoints of this component")
    private RedisStreamConfiguration configuration = new RedisStreamConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("redis-stream needs a stream key: redis-stream:KEY, got " + uri);
        }
        RedisStreamConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setKey(remaining);
        RedisStreamEndpoint endpoint = new RedisStreamEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public RedisStreamConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(RedisStreamConfiguration configuration) {
        this.configuration = configuration;
    }
}
