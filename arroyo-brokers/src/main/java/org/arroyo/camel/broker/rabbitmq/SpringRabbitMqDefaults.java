package org.arroyo.camel.broker.rabbitmq;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQConsumer;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQHelper;
import org.apache.camel.support.BridgeExceptionHandlerToErrorHandler;
import org.arroyo.camel.broker.BrokerDefaults;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;

/**
 * Arroyo's defaults for one spring-rabbitmq endpoint:
 * <ul>
 * <li>a connection when the application gives none (no {@code connectionFactory} on the URI, the component
 *     or in the registry): one {@link CachingConnectionFactory}, shared by these endpoints, for the address
 *     in property {@value #URI_PROPERTY} (default {@value #DEFAULT_URI}), with publisher confirms, so
 *     publishers wait until the broker has taken each message;</li>
 * <li>listeners that acknowledge a message once its route completed and the broker confirmed what the route
 *     published for it, without waiting for each confirm in turn ({@link AckAfterConfirms}, {@link ConfirmingProducer});</li>
 * <li>listeners that dead-letter a message that keeps failing with its original bytes and the error as
 *     headers ({@link DeadLetterRetry});</li>
 * <li>a listener on the default exchange ({@code spring-rabbitmq:default?queues=NAME}, where python-workflows
 *     and most Python senders publish, routing key = queue name) does not try to bind its queue to that
 *     exchange, which RabbitMQ refuses (unless the URI sets {@code skipBindQueue}).</li>
 * <li>one-way messaging ({@code disableReplyTo}, unless the URI sets it): a message carrying {@code reply_to} is not
 *     taken for a request, so its route answers no one and its publishers do not wait for a reply that never comes.</li>
 * </ul>
 */
public final class SpringRabbitMqDefaults implements BrokerDefaults {

    /** The property naming the broker, e.g. {@code amqp://user:password@host:5672/vhost} (no path: vhost {@code /}). */
    public static final String URI_PROPERTY = "arroyo.rabbitmq.uri";
    static final String DEFAULT_URI = "amqp://guest:guest@localhost:5672";

    private final CamelContext context;
    /** The listener endpoints configured by {@link AckAfterConfirms}. */
    private final Set<Endpoint> acknowledgingAfterConfirms = ConcurrentHashMap.newKeySet();
    private CachingConnectionFactory connection;

    public SpringRabbitMqDefaults(CamelContext context) {
        this.context = context;
    }

    @Override
    public String scheme() {
        return "spring-rabbitmq";
    }

    @Override
    public void configure(Endpoint endpoint, Set<String> given) {
        SpringRabbitMQEndpoint rabbitmq = (SpringRabbitMQEndpoint) endpoint;
        if (rabbitmq.getConnectionFactory() == null) {
            rabbitmq.setConnectionFactory(connection());
        }
        if (SpringRabbitMQHelper.isDefaultExchange(rabbitmq.getExchangeName()) && !given.contains("skipBindQueue")) {
            rabbitmq.setSkipBindQueue(true);
        }
        if (!given.contains("disableReplyTo")) {
            rabbitmq.setDisableReplyTo(true);
        }
        if (AckAfterConfirms.appliesTo(rabbitmq, given)) {
            AckAfterConfirms.configure(rabbitmq);
            acknowledgingAfterConfirms.add(rabbitmq);
        }
    }

    @Override
    public AsyncProducer createProducer(Endpoint endpoint) {
        return new ConfirmingProducer((SpringRabbitMQEndpoint) endpoint);
    }

    @Override
    public boolean deadLettersItself(Endpoint endpoint) {
        return DeadLetterRetry.appliesTo((SpringRabbitMQEndpoint) endpoint);
    }

    @Override
    public Consumer createConsumer(Endpoint endpoint, Processor processor) {
        SpringRabbitMQEndpoint rabbitmq = (SpringRabbitMQEndpoint) endpoint;
        SpringRabbitMQComponent component = (SpringRabbitMQComponent) rabbitmq.getComponent();
        AbstractMessageListenerContainer container = component.getListenerContainerFactory().createListenerContainer(rabbitmq);
        DeadLetterRetry.apply(rabbitmq, container);
        SpringRabbitMQConsumer consumer = acknowledgingAfterConfirms.contains(rabbitmq)
                ? AckAfterConfirms.consumer(rabbitmq, processor, container)
                : new SpringRabbitMQConsumer(rabbitmq, processor, container);
        // what the endpoint's own createConsumer configures besides the container
        if (rabbitmq.isBridgeErrorHandler()) {
            consumer.setExceptionHandler(new BridgeExceptionHandlerToErrorHandler(consumer));
        } else if (rabbitmq.getExceptionHandler() != null) {
            consumer.setExceptionHandler(rabbitmq.getExceptionHandler());
        }
        return consumer;
    }

    private synchronized CachingConnectionFactory connection() {
        if (connection == null) {
            String uri = context.getPropertiesComponent().resolveProperty(URI_PROPERTY).orElse(DEFAULT_URI);
            connection = new CachingConnectionFactory(URI.create(uri));
            connection.setPublisherConfirmType(ConfirmType.CORRELATED);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        acknowledgingAfterConfirms.clear();
        if (connection != null) {
            connection.destroy();
            connection = null;
        }
    }
}
