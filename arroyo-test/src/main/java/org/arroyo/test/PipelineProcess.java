package org.arroyo.test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;

/**
 * A pipeline alone in its process, for tests that kill it: {@code listener -> operator -> publisher}
 * built with the pipeline DSL (so with Arroyo's delivery defaults), the operator passing each
 * event on after {@code eventMillis} of work. It prints {@link #STARTED} once the route runs, then
 * runs until the process ends. Properties such as {@code arroyo.rabbitmq.uri} come as {@code -D} options.
 *
 * <pre>{@code
 * ChildJvm.start("crash", PipelineProcess.class, List.of(), "kafka:frames?brokers=...&groupId=saxs", "kafka:reduced?brokers=...", "2");
 * }</pre>
 */
public final class PipelineProcess {

    public static final String STARTED = "pipeline started";

    private PipelineProcess() {
    }

    /** Arguments: listener URI, publisher URI, milliseconds of work per event. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PipelineProcess LISTENER_URI PUBLISHER_URI EVENT_MILLIS");
        }
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("crash").listen(args[0]).operator(TestOperators.working(Duration.ofMillis(Long.parseLong(args[2])))).publish(args[1]);
            }
        });
        context.start();
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
