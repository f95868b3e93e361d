package org.arroyo.camel.broker.redis;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.redis.Command;
import org.apache.camel.component.redis.RedisConfiguration;
import org.apache.camel.component.redis.RedisEndpoint;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.broker.BrokerDefaults;
import org.arroyo.camel.broker.PublishStep;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Arroyo's defaults for one spring-redis pub/sub endpoint, for every option its URI leaves open:
 * <ul>
 * <li>bytes in and out ({@code RedisSerializer.byteArray()}): the component's default JDK serialization
 *     cannot read what other languages publish;</li>
 * <li>SUBSCRIBE / PSUBSCRIBE listeners get their messages in the order Redis sent them (one dispatch
 *     thread; Spring's default runs each message on a thread of its own), at most
 *     {@value #LISTENER_QUEUE_SIZE_PROPERTY} of them waiting in the JVM;</li>
 * <li>a PUBLISH publisher sends the body (an Arroyo message as msgpack) to the URI's channel, on the
 *     URI's host and port ({@link RedisPublishStep}).</li>
 * </ul>
 * Other commands (SET, GET, ...) are left as the component makes them.
 */
public final class SpringRedisDefaults implements BrokerDefaults {

    /** The property bounding how many received messages wait for a listener's route in the JVM. */
    public static final String LISTENER_QUEUE_SIZE_PROPERTY = "arroyo.redis.listener-queue-size";
    static final int DEFAULT_LISTENER_QUEUE_SIZE = 1000;

    /** One thread, so messages reach the route in the order Redis sent them; {@link #boundedDispatch} bounds its queue. */
    private static final ThreadPoolProfile ORDERED_DISPATCH = new ThreadPoolProfileBuilder("arroyo-redis-dispatch")
            .poolSize(1).maxPoolSize(1).maxQueueSize(Integer.MAX_VALUE).build();

    private final CamelContext context;

    public SpringRedisDefaults(CamelContext context) {
        this.context = context;
    }

    @Override
    public String scheme() {
        return "spring-redis";
    }

    @Override
    public void configure(Endpoint endpoint, Set<String> given) {
        RedisConfiguration configuration = ((RedisEndpoint) endpoint).getConfiguration();
        Command command = configuration.getCommand();
        if (command != Command.PUBLISH && command != Command.SUBSCRIBE && command != Command.PSUBSCRIBE) {
            return;
        }
        if (!given.contains("serializer")) {
            configuration.setSerializer(RedisSerializer.byteArray());
        }
        if (command == Command.PUBLISH) {
            if (!given.contains("redisTemplate")) {
                // a template of the URI's host and port with the serializer above, not one autowired from the registry
                configuration.setRedisTemplate(null);
            }
        } else if (!given.contains("listenerContainer")) {
            configuration.getListenerContainer().setTaskExecutor(boundedDispatch(context.getExecutorServiceManager()
                    .newThreadPool(this, "spring-redis " + configuration.getChannels(), ORDERED_DISPATCH)));
        }
    }

    @Override
    public PublishStep publishStep(Endpoint endpoint) {
        RedisConfiguration configuration = ((RedisEndpoint) endpoint).getConfiguration();
        return configuration.getCommand() == Command.PUBLISH
                ? new RedisPublishStep(publishChannel(endpoint.getEndpointUri(), configuration)) : null;
    }

    /**
     * Pub/sub has no flow control. When {@value #LISTENER_QUEUE_SIZE_PROPERTY} messages (default
     * {@value #DEFAULT_LISTENER_QUEUE_SIZE}) wait for the route, the connection stops reading, so further messages
     * wait in Redis, which disconnects a subscriber whose backlog passes its {@code client-output-buffer-limit
     * pubsub}: a pipeline slower than its publisher for too long loses messages there, rather than filling the heap.
     */
    private Executor boundedDispatch(ExecutorService dispatch) {
        int size = context.getPropertiesComponent().resolveProperty(LISTENER_QUEUE_SIZE_PROPERTY).map(Integer::valueOf)
                .orElse(DEFAULT_LISTENER_QUEUE_SIZE);
        if (size < 1) {
            throw new IllegalArgumentException(LISTENER_QUEUE_SIZE_PROPERTY + " must be at least 1, got " + size);
        }
        Semaphore room = new Semaphore(size);
        return task -> {
            room.acquireUninterruptibly();
            try {
                dispatch.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        room.release();
                    }
                });
            } catch (RuntimeException e) {
                room.release();
                throw e;
            }
        };
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
