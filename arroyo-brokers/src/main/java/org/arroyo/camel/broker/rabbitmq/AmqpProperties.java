package org.arroyo.camel.broker.rabbitmq;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverter;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * The AMQP properties of a message published from an exchange, built straight from its headers as camel-spring-rabbitmq's
 * default converters build them by way of Spring's {@link MessageProperties}, in one pass over the headers:
 * <ul>
 * <li>a header of the component naming a property ({@code CamelSpringRabbitmqDeliveryMode}, {@code ...Type},
 *     {@code ...ContentType}, ...) sets that property, converted as the message's {@code getHeader(name, type)} converts
 *     it; a property no header sets keeps Spring's default (content type {@code application/octet-stream},
 *     persistent, priority 0), and a blank correlation id is left out, as Spring leaves it;</li>
 * <li>every header the component's header filter lets out is an AMQP header; a value AMQP cannot carry is sent as
 *     its text (a class as its name), also inside lists, maps and arrays, as Spring sends it.</li>
 * </ul>
 * The content length header is not read: Spring never puts the length on the wire.
 */
final class AmqpProperties {

    /** A header of the component that sets a property: the type its value is converted to, and the setting. */
    private record PropertyHeader(Class<?> type, BiConsumer<AMQP.BasicProperties.Builder, Object> set) {
    }

    /** By name, ignoring case as Camel's headers do. */
    private static final Map<String, PropertyHeader> PROPERTY_HEADERS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        PROPERTY_HEADERS.put(SpringRabbitMQConstants.DELIVERY_MODE, new PropertyHeader(MessageDeliveryMode.class,
                (properties, mode) -> properties.deliveryMode(MessageDeliveryMode.toInt((MessageDeliveryMode) mode))));
        text(SpringRabbitMQConstants.TYPE, AMQP.BasicProperties.Builder::type);
        text(SpringRabbitMQConstants.CONTENT_TYPE, AMQP.BasicProperties.Builder::contentType);
        text(SpringRabbitMQConstants.CONTENT_ENCODING, AMQP.BasicProperties.Builder::contentEncoding);
        text(SpringRabbitMQConstants.MESSAGE_ID, AMQP.BasicProperties.Builder::messageId);
        text(SpringRabbitMQConstants.CORRELATION_ID, (properties, id) -> properties.correlationId(id.isBlank() ? null : id));
        text(SpringRabbitMQConstants.REPLY_TO, AMQP.BasicProperties.Builder::replyTo);
        text(SpringRabbitMQConstants.EXPIRATION, AMQP.BasicProperties.Builder::expiration);
        text(SpringRabbitMQConstants.USER_ID, AMQP.BasicProperties.Builder::userId);
        text(SpringRabbitMQConstants.APP_ID, AMQP.BasicProperties.Builder::appId);
        text(SpringRabbitMQConstants.CLUSTER_ID, AMQP.BasicProperties.Builder::clusterId);
        PROPERTY_HEADERS.put(SpringRabbitMQConstants.TIMESTAMP,
                new PropertyHeader(Date.class, (properties, timestamp) -> properties.timestamp((Date) timestamp)));
        PROPERTY_HEADERS.put(SpringRabbitMQConstants.PRIORITY,
                new PropertyHeader(Integer.class, (properties, priority) -> properties.priority((Integer) priority)));
    }

    private static void text(String header, BiConsumer<AMQP.BasicProperties.Builder, String> set) {
        PROPERTY_HEADERS.put(header, new PropertyHeader(String.class, (properties, value) -> set.accept(properties, (String) value)));
    }

    private final HeaderFilterStrategy filter;
    private final TypeConverter typeConverter;

    /**
     * @param filter the header filter of the component's message properties converter
     * @param typeConverter the converter of the exchanges' context
     */
    AmqpProperties(HeaderFilterStrategy filter, TypeConverter typeConverter) {
        this.filter = filter;
        this.typeConverter = typeConverter;
    }

    AMQP.BasicProperties of(Exchange exchange) {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder()
                .contentType(MessageProperties.DEFAULT_CONTENT_TYPE)
                .deliveryMode(MessageDeliveryMode.toInt(MessageProperties.DEFAULT_DELIVERY_MODE))
                .priority(MessageProperties.DEFAULT_PRIORITY);
        Map<String, Object> headers = new HashMap<>();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            PropertyHeader property = PROPERTY_HEADERS.get(name);
            if (property != null && value != null) {
                Object converted = property.type().isInstance(value) ? value : typeConverter.convertTo(property.type(), exchange, value);
                if (converted != null) {
                    property.set().accept(properties, converted);
                }
            }
            if (filter == null || !filter.applyFilterToCamelHeaders(name, value, exchange)) {
                headers.put(name, writable(value));
            }
        }
        return properties.headers(headers).build();
    }

    /** The value as AMQP can carry it. */
    private static Object writable(Object value) {
        if (value instanceof List<?> list) {
            List<Object> writable = new ArrayList<>(list.size());
            list.forEach(element -> writable.add(writable(element)));
            return writable;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> writable = new HashMap<>(map.size());
            map.forEach((key, element) -> writable.put(key, writable(element)));
            return writable;
        }
        if (value instanceof Object[] array) {
            Object[] writable = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                writable[i] = writable(array[i]);
            }
            return writable;
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        boolean amqpType = value == null || value instanceof String || value instanceof byte[] || value instanceof Boolean
                || value instanceof LongString || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof BigDecimal || value instanceof Short || value instanceof Byte
                || value instanceof Date;
        return amqpType ? value : value.toString();
    }
}
