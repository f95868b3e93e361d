package org.arroyo.camel.zocalo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.activemq.ZocaloActiveMq;
import org.arroyo.camel.zocalo.rabbitmq.ZocaloRabbitMq;

/**
 * A Zocalo service alone in its process, for a test that kills it: it takes each recipe message
 * of its queue, works 5 ms and sends the payload on to the node's outputs. Arguments: the transport
 * and where its broker is, then the service's queue: {@code rabbitmq HOST PORT QUEUE} (guest/guest)
 * or {@code activemq OPENWIRE_URL QUEUE} (no credentials, namespace {@code zocalo}). It prints
 * {@link #STARTED} once it consumes, then runs until the process ends.
 */
public final class ZocaloServiceProcess {

    public static final String STARTED = "zocalo service started";

    private static final RecipeOperator WORK = step -> {
        Thread.sleep(5);
        step.send(step.payload());
    };

    private ZocaloServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        String queue = args[args.length - 1];
        String consumer;
        RecipeService service;
        switch (args[0]) {
            case "rabbitmq" -> {
                ZocaloRabbitMq zocalo = new ZocaloRabbitMq(context,
                        ZocaloRabbitMq.connectionFactory(args[1], Integer.parseInt(args[2]), "guest", "guest")).statusInterval(Duration.ZERO);
                consumer = zocalo.queue(queue);
                service = zocalo.service("middle", WORK);
            }
            case "activemq" -> {
                ZocaloActiveMq zocalo = new ZocaloActiveMq(context, ZocaloActiveMq.connectionFactory(args[1], null, null))
                        .statusInterval(Duration.ZERO);
                consumer = zocalo.queue(queue);
                service = zocalo.service("middle", WORK);
            }
            default -> throw new IllegalArgumentException("transport " + args[0] + ": rabbitmq or activemq");
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumer).process(service);
            }
        });
        context.start();
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
