package org.arroyo.camel.broker;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.arroyo.camel.broker.kafka.KafkaSupport;
import org.arroyo.camel.broker.rabbitmq.SpringRabbitMqSupport;
import org.arroyo.camel.broker.redis.SpringRedisSupport;

/**
 * Makes routes written only with URIs carry Arroyo messages through the broker components on the
 * classpath (camel-spring-redis, camel-kafka, camel-spring-rabbitmq): Camel finds this plugin with
 * {@link java.util.ServiceLoader} when a CamelContext is built, and it installs each broker's
 * support only when that broker's component is there.
 */
public final class ArroyoBrokerPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext context) {
        if (present(context, "org.apache.camel.component.redis.RedisComponent")) {
            SpringRedisSupport.install(context);
        }
        if (present(context, "org.apache.camel.component.kafka.KafkaComponent")) {
            KafkaSupport.install(context);
        }
        if (present(context, "org.apache.camel.component.springrabbit.SpringRabbitMQComponent")) {
            SpringRabbitMqSupport.install(context);
        }
    }

    private static boolean present(CamelContext context, String className) {
        return context.getClassResolver().resolveClass(className) != null;
    }
}
