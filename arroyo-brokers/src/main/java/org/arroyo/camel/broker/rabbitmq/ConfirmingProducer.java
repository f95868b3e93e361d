package org.arroyo.camel.broker.rabbitmq;

import java.io.IOException;

import com.rabbitmq.client.AMQP;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.DefaultMessageConverter;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQHelper;
import org.apache.camel.component.springrabbit.SpringRabbitMQProducer;
import org.apache.camel.util.URISupport;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * The spring-rabbitmq producer of a pipeline's publisher. A message from a listener that acknowledges after the
 * confirms ({@link AckAfterConfirms}) is published on a channel of this producer's own ({@link ConfirmChannel}) without
 * waiting: its delivery's acknowledgement waits for the confirm instead. Everything else is sent as the component's
 * producer sends it (with publisher confirms, waiting for each).
 */
final class ConfirmingProducer extends SpringRabbitMQProducer {

    private static final MessagePropertiesConverter SPRING_PROPERTIES = new DefaultMessagePropertiesConverter();

    private ConfirmChannel channel;
    /** Null when the endpoint has converters of the application's own. */
    private AmqpProperties amqpProperties;

    ConfirmingProducer(SpringRabbitMQEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected boolean processInOnly(Exchange exchange, AsyncCallback callback) {
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        if (delivery == null || !confirms() || !delivery.expectConfirm()) {
            return super.processInOnly(exchange, callback);
        }
        try {
            String exchangeName = override(exchange, SpringRabbitMQConstants.EXCHANGE_OVERRIDE_NAME, getEndpoint().getExchangeName());
            String routingKey = override(exchange, SpringRabbitMQConstants.ROUTING_OVERRIDE_KEY, getEndpoint().getRoutingKey());
            Outgoing message = outgoing(exchange);
            try {
                channel().publish(SpringRabbitMQHelper.isDefaultExchange(exchangeName) ? "" : exchangeName, routingKey,
                        message.properties(), message.body(), delivery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.setException(e);
            } catch (IOException | RuntimeException e) {
                exchange.setException(e); // the publish counted itself done; the failed exchange settles the delivery
            }
        } catch (RuntimeException e) {
            delivery.done(true); // not published: only the failed exchange settles the delivery
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /** Whether this endpoint's messages are confirmed, as the component's producer decides it. */
    private boolean confirms() {
        String confirm = getEndpoint().getConfirm();
        return "enabled".equalsIgnoreCase(confirm)
                || "auto".equalsIgnoreCase(confirm) && getEndpoint().getConnectionFactory().isPublisherConfirms();
    }

    /** The value of a header that overrides the endpoint's, which the send consumes (as the component's producer does). */
    private static String override(Exchange exchange, String header, String endpointValue) {
        String value = (String) exchange.getMessage().removeHeader(header);
        return value == null ? endpointValue : value;
    }

    /** The body and properties of a message to publish. */
    private record Outgoing(byte[] body, AMQP.BasicProperties properties) {

        Outgoing(Message message) {
            this(message.getBody(), SPRING_PROPERTIES.fromMessageProperties(message.getMessageProperties(), "UTF-8"));
        }
    }

    /**
     * The message to publish: bytes go out with properties built straight from the headers when the endpoint has the
     * component's own converters ({@link AmqpProperties}, the same properties without Spring's message in between);
     * anything else as the endpoint's converters make it.
     */
    private Outgoing outgoing(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Message message) {
            return new Outgoing(message);
        }
        Object bytes = bytesOf(exchange, body);
        if (bytes instanceof byte[] converted && amqpProperties != null) {
            return new Outgoing(converted, amqpProperties.of(exchange));
        }
        return new Outgoing(getEndpoint().getMessageConverter().toMessage(bytes,
                getEndpoint().getMessagePropertiesConverter().toMessageProperties(exchange)));
    }

    /** The direct mapping, for an endpoint whose converters are the classes the component makes when none is given. */
    private static AmqpProperties amqpProperties(SpringRabbitMQEndpoint endpoint) {
        SpringRabbitMQComponent component = (SpringRabbitMQComponent) endpoint.getComponent();
        Object propertiesConverter = endpoint.getMessagePropertiesConverter();
        Object converter = endpoint.getMessageConverter();
        boolean componentsOwn = propertiesConverter == component.getMessagePropertiesConverter() && propertiesConverter != null
                && propertiesConverter.getClass() == org.apache.camel.component.springrabbit.DefaultMessagePropertiesConverter.class
                && converter != null && converter.getClass() == DefaultMessageConverter.class;
        return componentsOwn ? new AmqpProperties(component.getHeaderFilterStrategy(), endpoint.getCamelContext().getTypeConverter()) : null;
    }

    /**
     * The body as bytes converted with its exchange, so that a message the route passed on unchanged is published as
     * the bytes it came in (the component's converter converts without the exchange, which encodes it again). A
     * String (its charset is the converter's) or a body without bytes is left to the component's converter.
     */
    private static Object bytesOf(Exchange exchange, Object body) {
        if (body == null || body instanceof String || body instanceof byte[]) {
            return body;
        }
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        return bytes == null ? body : bytes;
    }

    private synchronized ConfirmChannel channel() {
        if (channel == null) {
            ConnectionFactory factory = getEndpoint().getConnectionFactory();
            if (getEndpoint().isUsePublisherConnection() && factory.getPublisherConnectionFactory() != null) {
                factory = factory.getPublisherConnectionFactory();
            }
            channel = new ConfirmChannel(factory, URISupport.sanitizeUri(getEndpoint().getEndpointUri()));
        }
        return channel;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        amqpProperties = amqpProperties(getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
        super.doStop();
    }
}
