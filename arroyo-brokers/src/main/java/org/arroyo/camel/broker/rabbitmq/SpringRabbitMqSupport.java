package org.arroyo.camel.broker.rabbitmq;

import java.net.URI;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.springrabbit.DefaultListenerContainerFactory;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQHelper;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.broker.UriOptions;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Readies camel-spring-rabbitmq for Arroyo pipelines (a component customizer, so
 * {@code camel.component.spring-rabbitmq.*} properties still override it):
 * <ul>
 * <li>a connection when the application gives none: a {@link CachingConnectionFactory} for the
 *     address in property {@value #URI_PROPERTY} (default {@value #DEFAULT_URI}), with publisher
 *     confirms, so publishers wait until the broker has taken each message;</li>
 * <li>listeners that dead-letter a message that keeps failing with its original bytes and the
 *     error as headers ({@link DeadLetterContainerFactory});</li>
 * <li>a listener on the default exchange ({@code spring-rabbitmq:default?queues=NAME}, where
 *     python-workflows and most Python senders publish, routing key = queue name) does not try to bind
 *     its queue to that exchange, which RabbitMQ refuses (unless the URI sets {@code skipBindQueue}).</li>
 * </ul>
 */
public final class SpringRabbitMqSupport implements EndpointStrategy {

    /** The name of the customizer in the registry. */
    public static final String CUSTOMIZER = "arroyo-spring-rabbitmq-defaults";
    /** The property naming the broker, e.g. {@code amqp://user:password@host:5672/vhost} (no path: vhost {@code /}). */
    public static final String URI_PROPERTY = "arroyo.rabbitmq.uri";
    static final String DEFAULT_URI = "amqp://guest:guest@localhost:5672";

    private SpringRabbitMqSupport() {
    }

    public static void install(CamelContext context) {
        context.getRegistry().bind(CUSTOMIZER, ComponentCustomizer.forType(SpringRabbitMQComponent.class,
                component -> applyDefaults(context, component)));
        context.getCamelContextExtension().registerEndpointCallback(new SpringRabbitMqSupport());
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof SpringRabbitMQEndpoint rabbitmq && SpringRabbitMQHelper.isDefaultExchange(rabbitmq.getExchangeName())
                && !UriOptions.of(uri).contains("skipBindQueue")) {
            rabbitmq.setSkipBindQueue(true);
        }
        return endpoint;
    }

    static void applyDefaults(CamelContext context, SpringRabbitMQComponent component) throws Exception {
        if (component.getConnectionFactory() == null && context.getRegistry().findByType(ConnectionFactory.class).isEmpty()) {
            String uri = context.getPropertiesComponent().resolveProperty(URI_PROPERTY).orElse(DEFAULT_URI);
            CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(uri));
            factory.setPublisherConfirmType(ConfirmType.CORRELATED);
            context.addService(new ConnectionClosing(factory), true, true);
            component.setConnectionFactory(factory);
        }
        if (component.getListenerContainerFactory().getClass() == DefaultListenerContainerFactory.class) {
            component.setListenerContainerFactory(new DeadLetterContainerFactory());
        }
    }

    /** Closes the connection this support opened when the CamelContext stops. */
    private static final class ConnectionClosing extends ServiceSupport {

        private final CachingConnectionFactory factory;

        ConnectionClosing(CachingConnectionFactory factory) {
            this.factory = factory;
        }

        @Override
        protected void doStop() {
            factory.destroy();
        }
    }
}
