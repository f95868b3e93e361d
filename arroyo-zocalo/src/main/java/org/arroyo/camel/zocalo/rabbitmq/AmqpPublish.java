package org.arroyo.camel.zocalo.rabbitmq;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One persistent AMQP publish: exchange ("" = default), routing key, whether the broker must be
 * able to route it ({@code mandatory}), headers, an optional expiration in milliseconds, body.
 */
record AmqpPublish(String exchange, String routingKey, boolean mandatory, Map<String, Object> headers,
        String expiration, byte[] body) {

    AmqpPublish {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
