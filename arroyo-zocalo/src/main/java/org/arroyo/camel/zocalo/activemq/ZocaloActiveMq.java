package org.arroyo.camel.zocalo.activemq;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.arroyo.camel.zocalo.RecipeDispatcher;
import org.arroyo.camel.zocalo.RecipeOperator;
import org.arroyo.camel.zocalo.RecipeService;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Zocalo over ActiveMQ Classic for Camel routes, interoperating with python-workflows services
 * that reach the same broker over STOMP ({@code StompTransport}): consumer URIs (camel-jms) for
 * service queues and topics under the namespace prefix ({@code --stomp-prfx}, here
 * {@code zocalo} unless told otherwise), the recipe-aware service step, the dispatcher and the
 * dead-letter tools. A queue {@code /queue/zocalo.per_image_analysis} of a STOMP peer is the JMS
 * queue {@code zocalo.per_image_analysis}.
 *
 * <pre>
 * ZocaloActiveMq zocalo = new ZocaloActiveMq(getContext(), ZocaloActiveMq.connectionFactory("tcp://activemq:61616", user, password));
 * from(zocalo.queue("per_image_analysis"))
 *     .process(zocalo.service("PerImageAnalysis", step -&gt; step.send(analyse(step.payload()))));
 * </pre>
 */
public final class ZocaloActiveMq {

    public static final String DEFAULT_NAMESPACE = "zocalo";
    public static final String DEFAULT_STATUS_TOPIC = "transient.status";
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(6);

    private final ConnectionFactory connectionFactory;
    private final String connectionFactoryBean;
    private String namespace = DEFAULT_NAMESPACE;
    private String statusTopic = DEFAULT_STATUS_TOPIC;
    private Duration statusInterval = DEFAULT_STATUS_INTERVAL;
    private JmsTemplate template;

    /** Binds the connection factory in the context's registry, for the consumer URIs to name. */
    public ZocaloActiveMq(CamelContext context, ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.connectionFactoryBean = "zocaloJmsConnectionFactory" + Integer.toHexString(System.identityHashCode(connectionFactory));
        context.getRegistry().bind(connectionFactoryBean, ConnectionFactory.class, connectionFactory);
    }

    /**
     * A connection factory as Zocalo services need it: one message at a time ({@code queuePrefetch=1}), and a
     * message whose service failed goes straight to its dead-letter queue, not redelivered, as a STOMP
     * {@code NACK} sends it there. A message a crashed service had not committed comes again to be
     * processed, as to a STOMP subscriber: the broker counts it as redelivered, and the client's check of
     * that count on dispatch ({@code preDispatchCheck}) would send it to the dead letters unprocessed.
     */
    public static ActiveMQConnectionFactory connectionFactory(String brokerUrl, String username, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(username, password, brokerUrl);
        factory.getPrefetchPolicy().setQueuePrefetch(1);
        factory.getRedeliveryPolicy().setMaximumRedeliveries(0);
        factory.getRedeliveryPolicy().setPreDispatchCheck(false);
        return factory;
    }

    /** The prefix of every queue and topic name, as python-workflows' {@code --stomp-prfx} (default {@code zocalo}; empty: none). */
    public ZocaloActiveMq namespace(String prefix) {
        this.namespace = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return this;
    }

    /** Where services broadcast their status, under the namespace (default {@code transient.status}). */
    public ZocaloActiveMq statusTopic(String topic) {
        this.statusTopic = topic;
        return this;
    }

    /** How often services broadcast their status (default 6 s as workflows; zero: never). */
    public ZocaloActiveMq statusInterval(Duration interval) {
        this.statusInterval = interval;
        return this;
    }

    /** The broker's name of a queue or topic: the namespace, a dot, the name. */
    public String destination(String name) {
        return namespace.isEmpty() ? name : namespace + "." + name;
    }

    /**
     * Consumes a service queue. Each message is processed in a local JMS transaction: committed when
     * the route completes, rolled back when it fails, and then (no redelivery) moved by the broker
     * to its dead-letter queue ({@code DLQ.<queue>} with Zocalo's broker configuration).
     */
    public String queue(String queue) {
        return "jms:queue:" + destination(queue) + "?transacted=true&lazyCreateTransactionManager=false" + consumerOptions();
    }

    /** Subscribes to a topic (python-workflows' broadcasts), non-durably. */
    public String topic(String topic) {
        return "jms:topic:" + destination(topic) + "?" + consumerOptions().substring(1);
    }

    /** The route step that runs {@code operator} as the Zocalo service {@code name}. */
    public RecipeService service(String name, RecipeOperator operator) {
        return new RecipeService(name, operator, new JmsTransport(template(), this, statusTopic), statusInterval);
    }

    /** Zocalo's dispatcher: reads requests from {@code processing_recipe} and starts their recipes. */
    public RecipeService dispatcher(Path recipeDirectory) {
        return service("Dispatcher", new RecipeDispatcher(recipeDirectory)).allowNonRecipeMessages();
    }

    /** Counts, exports, re-injects and moves messages: the operator tools. */
    public ActiveMqQueues queues() {
        return new ActiveMqQueues(connectionFactory, this);
    }

    /** Header names stay as STOMP peers write them ({@code workflows-recipe}); Camel would otherwise encode the hyphen. */
    private String consumerOptions() {
        return "&connectionFactory=#" + connectionFactoryBean + "&jmsKeyFormatStrategy=passthrough&disableReplyTo=true";
    }

    private synchronized JmsTemplate template() {
        if (template == null) {
            template = new JmsTemplate(new CachingConnectionFactory(connectionFactory));
            template.setSessionTransacted(true);
        }
        return template;
    }
}
