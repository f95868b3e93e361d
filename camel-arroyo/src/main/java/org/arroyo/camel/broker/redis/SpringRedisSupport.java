package org.arroyo.camel.broker.redis;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.redis.Command;
import org.apache.camel.component.redis.RedisConfiguration;
import org.apache.camel.component.redis.RedisEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.broker.PublishStepEndpoint;
import org.arroyo.camel.broker.UriOptions;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Readies camel-spring-redis pub/sub endpoints for Arroyo messages as they are created, for every
 * option their URI leaves open:
 * <ul>
 * <li>bytes in and out ({@code RedisSerializer.byteArray()}): the component's default JDK serialization
 *     cannot read what other languages publish;</li>
 * <li>SUBSCRIBE / PSUBSCRIBE listeners get their messages in the order Redis sent them (one dispatch
 *     thread; Spring's default runs each message on a thread of its own);</li>
 * <li>a PUBLISH publisher sends the body (an Arroyo message as msgpack) to the URI's channel, on the
 *     URI's host and port ({@link RedisPublishStep}).</li>
 * </ul>
 * Other commands (SET, GET, ...) are left as the component makes them.
 */
public final class SpringRedisSupport implements EndpointStrategy {

    /**
     * One thread, and a queue that never turns a message away (pub/sub has no flow control: what the
     * pipeline has not taken yet waits here, in order, rather than in Redis, which drops subscribers
     * that fall behind).
     */
    private static final ThreadPoolProfile ORDERED_DISPATCH = new ThreadPoolProfileBuilder("arroyo-redis-dispatch")
            .poolSize(1).maxPoolSize(1).maxQueueSize(Integer.MAX_VALUE).build();

    private final CamelContext context;

    private SpringRedisSupport(CamelContext context) {
        this.context = context;
    }

    public static void install(CamelContext context) {
        context.getCamelContextExtension().registerEndpointCallback(new SpringRedisSupport(context));
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (!(endpoint instanceof RedisEndpoint redis)) {
            return endpoint;
        }
        RedisConfiguration configuration = redis.getConfiguration();
        Command command = configuration.getCommand();
        if (command != Command.PUBLISH && command != Command.SUBSCRIBE && command != Command.PSUBSCRIBE) {
            return endpoint;
        }
        Set<String> given = UriOptions.of(uri);
        if (!given.contains("serializer")) {
            configuration.setSerializer(RedisSerializer.byteArray());
        }
        if (command == Command.PUBLISH) {
            if (!given.contains("redisTemplate")) {
                // a template of the URI's host and port with the serializer above, not one autowired from the registry
                configuration.setRedisTemplate(null);
            }
            return new PublishStepEndpoint(endpoint, new RedisPublishStep(publishChannel(uri, configuration)));
        }
        if (!given.contains("listenerContainer")) {
            configuration.getListenerContainer().setTaskExecutor(context.getExecutorServiceManager()
                    .newThreadPool(this, "spring-redis " + configuration.getChannels(), ORDERED_DISPATCH));
        }
        return endpoint;
    }

    private static String publishChannel(String uri, RedisConfiguration configuration) {
        String channels = configuration.getChannels();
        if (channels != null && channels.contains(",")) {
            throw new IllegalArgumentException("spring-redis PUBLISH sends to one channel, but " + URISupport.sanitizeUri(uri)
                    + " names channels=" + channels + "; use one publisher URI per channel");
        }
        return channels == null || channels.isBlank() ? null : channels.strip();
    }
}
