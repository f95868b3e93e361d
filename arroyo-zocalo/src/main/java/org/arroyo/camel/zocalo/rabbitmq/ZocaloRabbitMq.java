package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.arroyo.camel.zocalo.RecipeDispatcher;
import org.arroyo.camel.zocalo.RecipeOperator;
import org.arroyo.camel.zocalo.RecipeService;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Zocalo over RabbitMQ for Camel routes, interoperating with python-workflows services:
 * consumer URIs for service queues and topics (camel-spring-rabbitmq, declaring nothing on
 * queues the deployment owns), the recipe-aware service step, the dispatcher, and the
 * dead-letter tool, all over one connection factory with publisher confirms.
 *
 * <pre>
 * ZocaloRabbitMq zocalo = new ZocaloRabbitMq(getContext(), connectionFactory);
 * from(zocalo.queue("per_image_analysis"))
 *     .process(zocalo.service("PerImageAnalysis", step -&gt; step.send(analyse(step.payload()))));
 * </pre>
 */
public final class ZocaloRabbitMq {

    public static final String DEFAULT_DELAYED_EXCHANGE = "delayed";
    public static final String DEFAULT_STATUS_TOPIC = "transient.status";
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(6);
    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionFactory connectionFactory;
    private final String connectionFactoryBean;
    private String delayedExchange = DEFAULT_DELAYED_EXCHANGE;
    private String statusTopic = DEFAULT_STATUS_TOPIC;
    private Duration statusInterval = DEFAULT_STATUS_INTERVAL;
    private Duration confirmTimeout = DEFAULT_CONFIRM_TIMEOUT;
    private boolean requeueFailedMessages;
    private int prefetch = 1;
    private ConfirmedPublisher publisher;

    /** Binds the connection factory in the context's registry, for the consumer URIs to name. */
    public ZocaloRabbitMq(CamelContext context, ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.connectionFactoryBean = "zocaloConnectionFactory" + Integer.toHexString(System.identityHashCode(connectionFactory));
        context.getRegistry().bind(connectionFactoryBean, ConnectionFactory.class, connectionFactory);
    }

    /** A connection factory as Zocalo services need it: cached channels, simple publisher confirms. */
    public static CachingConnectionFactory connectionFactory(String host, int port, String username, String password) {
        CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        return factory;
    }

    /** The delayed-message exchange for {@code transport-delay} (default {@code delayed}). */
    public ZocaloRabbitMq delayedExchange(String exchange) {
        this.delayedExchange = exchange;
        return this;
    }

    /** Where services broadcast their status (default {@code transient.status}). */
    public ZocaloRabbitMq statusTopic(String topic) {
        this.statusTopic = topic;
        return this;
    }

    /** How often services broadcast their status (default 6 s as workflows; zero: never). */
    public ZocaloRabbitMq statusInterval(Duration interval) {
        this.statusInterval = interval;
        return this;
    }

    /** How long a publish may wait for the broker's confirms (default 30 s). */
    public ZocaloRabbitMq confirmTimeout(Duration timeout) {
        this.confirmTimeout = timeout;
        return this;
    }

    /**
     * What happens to a message a service failed on without an error destination: rejected to
     * the queue's dead-letter exchange (default), or put back on the queue when true.
     */
    public ZocaloRabbitMq requeueFailedMessages(boolean requeue) {
        this.requeueFailedMessages = requeue;
        return this;
    }

    /** How many unacknowledged messages a consumer may hold (default 1, as Zocalo's no-prefetch queues). */
    public ZocaloRabbitMq prefetch(int count) {
        this.prefetch = count;
        return this;
    }

    /** Consumes a service queue the deployment declared: default exchange, nothing declared. */
    public String queue(String queue) {
        return "spring-rabbitmq:default?queues=RAW(" + queue + ")&autoDeclare=false" + consumerOptions();
    }

    /**
     * Subscribes to a topic (the fanout exchange of that name, as python-workflows broadcasts)
     * through an exclusive, auto-deleted queue of its own.
     */
    public String topic(String topic) {
        return "spring-rabbitmq:" + topic
                + "?exchangeType=fanout&autoDeclare=true&skipDeclareExchange=true"
                + "&arg.queue.exclusive=true&arg.queue.autoDelete=true" + consumerOptions();
    }

    /** The route step that runs {@code operator} as the Zocalo service {@code name}. */
    public RecipeService service(String name, RecipeOperator operator) {
        return new RecipeService(name, operator,
                new RabbitMqTransport(new RecipePublisher(publisher(), delayedExchange), publisher(), statusTopic), statusInterval);
    }

    /** Zocalo's dispatcher: reads requests from {@code processing_recipe} and starts their recipes. */
    public RecipeService dispatcher(Path recipeDirectory) {
        return service("Dispatcher", new RecipeDispatcher(recipeDirectory)).allowNonRecipeMessages();
    }

    /** Exports dead letters to files and re-injects them. */
    public DeadLetterQueues deadLetters() {
        return new DeadLetterQueues(publisher());
    }

    private String consumerOptions() {
        return "&connectionFactory=#" + connectionFactoryBean
                + "&acknowledgeMode=AUTO&prefetchCount=" + prefetch
                + "&maximumRetryAttempts=0&rejectAndDontRequeue=" + !requeueFailedMessages
                + "&disableReplyTo=true";
    }

    private synchronized ConfirmedPublisher publisher() {
        if (publisher == null) {
            publisher = new ConfirmedPublisher(connectionFactory, confirmTimeout);
        }
        return publisher;
    }
}
