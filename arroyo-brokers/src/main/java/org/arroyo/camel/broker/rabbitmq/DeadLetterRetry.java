package org.arroyo.camel.broker.rabbitmq;

import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;

/**
 * For a listener URI with a {@code deadLetterExchange} and no {@code retry} of its own: after
 * {@code maximumRetryAttempts} failed tries ({@code retryDelay} apart) the message is republished to
 * the dead-letter exchange (routing key {@code deadLetterRoutingKey}, else its own) with its original
 * bytes and properties plus the error as headers ({@code x-exception-message},
 * {@code x-exception-stacktrace}, {@code x-original-exchange}, {@code x-original-routingKey}),
 * confirmed by the broker when the connection has publisher confirms, and only then acknowledged.
 * (Left to RabbitMQ, dead-lettering keeps the bytes but says nothing of the error.)
 */
final class DeadLetterRetry {

    private DeadLetterRetry() {
    }

    /** Whether the endpoint's listener dead-letters as this class says. */
    static boolean appliesTo(SpringRabbitMQEndpoint endpoint) {
        return endpoint.getRetry() == null && endpoint.getDeadLetterExchange() != null;
    }

    static void apply(SpringRabbitMQEndpoint endpoint, AbstractMessageListenerContainer container) {
        if (appliesTo(endpoint)) {
            long delay = Math.max(1, endpoint.getRetryDelay());
            container.setAdviceChain(RetryInterceptorBuilder.stateless()
                    .maxAttempts(Math.max(1, endpoint.getMaximumRetryAttempts()))
                    .backOffOptions(delay, 1.0, delay)
                    .recoverer(republisher(endpoint))
                    .build());
        }
    }

    private static RepublishMessageRecoverer republisher(SpringRabbitMQEndpoint endpoint) {
        ConnectionFactory connection = endpoint.getConnectionFactory();
        RabbitTemplate template = new RabbitTemplate(connection);
        String exchange = endpoint.getDeadLetterExchange();
        String routingKey = endpoint.getDeadLetterRoutingKey();
        RepublishMessageRecoverer recoverer = connection.isPublisherConfirms()
                ? new RepublishMessageRecovererWithConfirms(template, exchange, routingKey, ConfirmType.CORRELATED)
                : connection.isSimplePublisherConfirms()
                        ? new RepublishMessageRecovererWithConfirms(template, exchange, routingKey, ConfirmType.SIMPLE)
                        : new RepublishMessageRecoverer(template, exchange, routingKey);
        return recoverer.errorRoutingKeyPrefix("");
    }
}
