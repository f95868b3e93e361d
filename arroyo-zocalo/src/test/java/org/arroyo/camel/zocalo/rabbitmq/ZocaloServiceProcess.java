package org.arroyo.camel.zocalo.rabbitmq;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A Zocalo service alone in its process, for a test that kills it: it takes each recipe message
 * of its queue, works 5 ms and sends the payload on to the node's outputs. Arguments: RabbitMQ host,
 * port (guest/guest), the service's queue. It prints {@link #STARTED} once it consumes, then runs
 * until the process ends.
 */
public final class ZocaloServiceProcess {

    static final String STARTED = "zocalo service started";

    private ZocaloServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        ZocaloRabbitMq zocalo = new ZocaloRabbitMq(context,
                ZocaloRabbitMq.connectionFactory(args[0], Integer.parseInt(args[1]), "guest", "guest")).statusInterval(Duration.ZERO);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(zocalo.queue(args[2])).process(zocalo.service("middle", step -> {
                    Thread.sleep(5);
                    step.send(step.payload());
                }));
            }
        });
        context.start();
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
