package org.arroyo.camel.zocalo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.activemq.ZocaloActiveMq;
import org.arroyo.camel.zocalo.rabbitmq.ZocaloRabbitMq;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Zocalo service alone in its process, for a test that kills it: it takes each recipe message
 * of its queue, works 5 ms and sends the payload on to the node's outputs. Arguments: the transport
 * and where its broker is, then the service's queue: {@code rabbitmq HOST PORT QUEUE} (guest/guest)
 * or {@code activemq OPENWIRE_URL QUEUE} (no credentials, namespace {@code zocalo}). It prints
 * {@link #STARTED} once it consumes, then runs until the process ends. The crash tests give it
 * {@link #recipe} and check what it sent on with {@link #assertEveryFrameSentOn}.
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

    /** A recipe whose start sends frames 0 to {@code messages - 1} to node 1 (the service's queue), whose output is node 2. */
    public static Recipe recipe(int messages, String serviceQueue, String nextQueue) {
        String starts = IntStream.range(0, messages).mapToObj(i -> "[1, {\"frame\": " + i + "}]").collect(Collectors.joining(", "));
        return Recipe.parse("""
                {"1": {"queue": "%s", "output": [2]}, "2": {"queue": "%s"}, "start": [%s]}""".formatted(serviceQueue, nextQueue, starts));
    }

    /** The frame number of a message the service sent on to node 2. */
    public static long frameSentOn(String body) {
        RecipeMessage message = RecipeMessage.parse(body);
        assertThat(message.path()).containsExactly(1L);
        return (Long) ((Map<?, ?>) message.payload()).get("frame");
    }

    /** Every frame of {@link #recipe} reached node 2, at most {@code maxDuplicates} twice; prints the figures. */
    public static void assertEveryFrameSentOn(String transport, long sentOnAtKill, int messages, List<Long> frames, int maxDuplicates) {
        Set<Long> distinct = new HashSet<>(frames);
        int duplicates = frames.size() - distinct.size();
        System.out.printf("Zocalo service crash (%s): killed with %d of %d messages sent on; after the restart %d lost, %d duplicates%n",
                transport, sentOnAtKill, messages, messages - distinct.size(), duplicates);
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(LongStream.range(0, messages).boxed().toList());
        assertThat(duplicates).isLessThanOrEqualTo(maxDuplicates);
    }
}
