package org.arroyo.camel.broker.rabbitmq;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.DefaultMessageConverter;
import org.apache.camel.component.springrabbit.DefaultMessagePropertiesConverter;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.component.springrabbit.SpringRabbitMQHeaderFilterStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** The properties built straight from the headers are those camel-spring-rabbitmq's converters and Spring's build. */
class AmqpPropertiesTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final SpringRabbitMQHeaderFilterStrategy filter = new SpringRabbitMQHeaderFilterStrategy();

    @BeforeEach
    void start() {
        camel.start(); // a started context gives messages its header map, whose names ignore case
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void propertyHeadersOfOtherTypesAndValuesAmqpCannotCarryComeOutAsTheComponentSendsThem() {
        Exchange exchange = exchange(Map.ofEntries(
                Map.entry("camelspringrabbitmqdeliverymode", "NON_PERSISTENT"),
                Map.entry(SpringRabbitMQConstants.PRIORITY, "5"),
                Map.entry(SpringRabbitMQConstants.TIMESTAMP, 1_700_000_000_000L),
                Map.entry(SpringRabbitMQConstants.CORRELATION_ID, " "),
                Map.entry(SpringRabbitMQConstants.MESSAGE_ID, 42),
                Map.entry(SpringRabbitMQConstants.REPLY_TO, "replies"),
                Map.entry(SpringRabbitMQConstants.CONTENT_TYPE, "application/x-msgpack"),
                Map.entry(SpringRabbitMQConstants.CONTENT_LENGTH, 3L),
                Map.entry(SpringRabbitMQConstants.DELIVERY_TAG, 7L),
                Map.entry("content-type", "text/plain"),
                Map.entry("operator", AmqpPropertiesTest.class),
                Map.entry("when", new Date(1_700_000_000_000L)),
                Map.entry("ratio", new BigDecimal("0.5")),
                Map.entry("scan", new StringBuilder("scan-42")),
                Map.entry("axes", new Object[] { "x", Thread.State.NEW, List.of(1, Thread.State.RUNNABLE) }),
                Map.entry("geometry", Map.of("unit", Thread.State.BLOCKED, "rows", 128)),
                Map.entry("bytes", new byte[] { 1, 2 })));

        assertSameAsTheComponents(exchange);
    }

    @Test
    void aMessageWithoutHeadersGetsSpringsDefaults() {
        Exchange exchange = exchange(Map.of());

        assertSameAsTheComponents(exchange);
        assertThat(new AmqpProperties(filter, camel.getTypeConverter()).of(exchange).getHeaders()).isEmpty();
    }

    private Exchange exchange(Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(camel);
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(new byte[] { 1, 2, 3 });
        return exchange;
    }

    private void assertSameAsTheComponents(Exchange exchange) {
        AMQP.BasicProperties direct = new AmqpProperties(filter, camel.getTypeConverter()).of(exchange);

        DefaultMessagePropertiesConverter camelConverter = new DefaultMessagePropertiesConverter();
        camelConverter.setHeaderFilterStrategy(filter);
        Message message = new DefaultMessageConverter(camel).toMessage(exchange.getMessage().getBody(),
                camelConverter.toMessageProperties(exchange));
        AMQP.BasicProperties components = new org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter()
                .fromMessageProperties(message.getMessageProperties(), "UTF-8");

        assertThat(direct).usingRecursiveComparison().isEqualTo(components);
    }
}
