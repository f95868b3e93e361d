package org.arroyo.camel.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.broker.kafka.KafkaDefaults;
import org.arroyo.camel.broker.rabbitmq.SpringRabbitMqDefaults;
import org.arroyo.camel.broker.redis.SpringRedisDefaults;
import org.arroyo.camel.operator.ArroyoDelivery;

/**
 * The {@code arroyo:} component: {@code arroyo:kafka:raw} is the endpoint {@code kafka:raw} with
 * Arroyo's delivery defaults, for the broker components on the classpath (camel-kafka,
 * camel-spring-redis, camel-spring-rabbitmq). The broker endpoint is made for this endpoint alone,
 * so a route that uses {@code kafka:raw} itself, and the broker component, keep Camel's behaviour.
 * Pipelines use it for their listener and publishers ({@link ArroyoDelivery}); a plain route opts in
 * by writing {@code arroyo:} before its URI.
 */
@org.apache.camel.spi.annotations.Component(ArroyoDelivery.SCHEME)
public class ArroyoDeliveryComponent extends DefaultComponent implements ArroyoDelivery.Defaults {

    private Map<String, BrokerDefaults> brokers;

    @Override
    public boolean appliesTo(String scheme) {
        return brokers().containsKey(scheme);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String brokerUri = URISupport.appendParametersToURI(remaining, parameters);
        parameters.clear(); // they are the broker endpoint's options
        String scheme = StringHelper.before(brokerUri, ":");
        BrokerDefaults broker = scheme == null ? null : brokers().get(scheme);
        if (broker == null) {
            throw new IllegalArgumentException("arroyo: applies Arroyo's delivery defaults to "
                    + String.join(", ", brokers().keySet()) + " endpoints (of the components on the classpath), not to "
                    + URISupport.sanitizeUri(brokerUri));
        }
        Component component = getCamelContext().getComponent(scheme);
        ServiceHelper.initService(component); // a component not yet used by a route of its own is not initialised yet
        Endpoint endpoint = component.createEndpoint(brokerUri);
        broker.configure(endpoint, UriOptions.of(brokerUri));
        return new ArroyoDeliveryEndpoint(uri, this, endpoint, broker);
    }

    /** The defaults of each broker whose component is on the classpath, by scheme. */
    private synchronized Map<String, BrokerDefaults> brokers() {
        if (brokers == null) {
            brokers = new LinkedHashMap<>();
            addIfPresent("org.apache.camel.component.kafka.KafkaComponent", KafkaDefaults::new);
            addIfPresent("org.apache.camel.component.redis.RedisComponent", () -> new SpringRedisDefaults(getCamelContext()));
            addIfPresent("org.apache.camel.component.springrabbit.SpringRabbitMQComponent",
                    () -> new SpringRabbitMqDefaults(getCamelContext()));
        }
        return brokers;
    }

    private void addIfPresent(String componentClass, Supplier<BrokerDefaults> defaults) {
        if (getCamelContext().getClassResolver().resolveClass(componentClass) != null) {
            BrokerDefaults broker = defaults.get();
            brokers.put(broker.scheme(), broker);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (brokers != null) {
            for (BrokerDefaults broker : brokers.values()) {
                broker.close();
            }
            brokers = null;
        }
        super.doStop();
    }
}
