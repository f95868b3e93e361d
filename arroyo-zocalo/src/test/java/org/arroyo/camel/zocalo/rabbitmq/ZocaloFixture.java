package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.RecipeOperator;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * Per test, a CamelContext whose routes are Zocalo services on the test broker, with what a
 * test needs around them: starting services and recipes, reading a queue with a plain AMQP
 * client, counting messages. Register it as an instance extension after the broker.
 */
final class ZocaloFixture implements BeforeEachCallback, AfterEachCallback {

    /** A message read from a queue: its AMQP properties and body. */
    record Received(AMQP.BasicProperties properties, boolean redelivered, String body) {

        RecipeMessage message() {
            return RecipeMessage.parse(body);
        }

        Object header(String name) {
            return properties.getHeaders() == null ? null : properties.getHeaders().get(name);
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final RabbitMqBroker broker;
    DefaultCamelContext context;
    ZocaloRabbitMq zocalo;

    ZocaloFixture(RabbitMqBroker broker) {
        this.broker = broker;
    }

    @Override
    public void beforeEach(ExtensionContext extensionContext) {
        context = new DefaultCamelContext();
        zocalo = new ZocaloRabbitMq(context, broker.connectionFactory()).statusInterval(Duration.ZERO);
        SpringRabbitMQComponent rabbit = new SpringRabbitMQComponent();
        rabbit.setShutdownTimeout(500);
        context.addComponent("spring-rabbitmq", rabbit);
        context.getShutdownStrategy().setTimeout(5);
    }

    @Override
    public void afterEach(ExtensionContext extensionContext) {
        context.stop();
    }

    /** Adds routes and starts the context (if not started yet). */
    void start(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
    }

    /** Runs {@code operator} as service {@code name} on {@code queue} (route id = name). */
    void startService(ZocaloRabbitMq zocalo, String queue, String name, RecipeOperator operator) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(zocalo.queue(queue)).routeId(name).process(zocalo.service(name, operator));
            }
        });
    }

    void startService(String queue, String name, RecipeOperator operator) throws Exception {
        startService(zocalo, queue, name, operator);
    }

    /** Starts {@code recipe} as a dispatcher would: its start payloads, to their nodes, confirmed. */
    void startRecipe(Recipe recipe, Map<String, Object> environment) {
        RecipeStep starter = RecipeStep.withoutRecipe(null);
        starter.start(recipe, environment);
        new RecipePublisher(new ConfirmedPublisher(broker.connectionFactory(), TIMEOUT), ZocaloRabbitMq.DEFAULT_DELAYED_EXCHANGE)
                .publish(starter.deliveries());
    }

    /** Publishes raw bytes to a queue through the default exchange. */
    void publish(String queue, Map<String, Object> headers, String body) throws Exception {
        try (Connection connection = broker.rawConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, true, new AMQP.BasicProperties.Builder().headers(headers).deliveryMode(2).build(),
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(TIMEOUT.toMillis());
        }
    }

    /** The next message of {@code queue}, taken off it; fails after the timeout. */
    Received next(String queue) throws Exception {
        AtomicReference<Received> received = new AtomicReference<>();
        try (Connection connection = broker.rawConnection(); Channel channel = connection.createChannel()) {
            await("a message on " + queue).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                GetResponse response = channel.basicGet(queue, true);
                if (response != null) {
                    received.set(new Received(response.getProps(), response.getEnvelope().isRedeliver(),
                            new String(response.getBody(), StandardCharsets.UTF_8)));
                }
                return response != null;
            });
        }
        return received.get();
    }

    /** How many ready messages {@code queue} holds. */
    long count(String queue) throws Exception {
        try (Connection connection = broker.rawConnection(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }
}
