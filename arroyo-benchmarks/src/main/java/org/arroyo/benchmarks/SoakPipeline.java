package org.arroyo.benchmarks;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;

/**
 * The soak's pipeline, in a process of its own so that its heap, threads and file descriptors are its alone:
 * {@code zeromq:PULL} (connecting to the soak's sender) -> decoupled onto THREADS threads (a kafka publisher waits
 * for the broker's acknowledgement of each record, so one thread publishes a few hundred per second) -> an operator
 * that makes a new event of each (encoded again) -> {@code kafka:} with Arroyo's delivery defaults. Arguments: the
 * ZeroMQ address, the Kafka bootstrap servers, the topic, THREADS. It stops when its standard input closes.
 */
public final class SoakPipeline {

    private SoakPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Stage.runUntilStdinCloses("soak-pipeline", () -> {
            CamelContext camel = new DefaultCamelContext();
            camel.addRoutes(new ArroyoRouteBuilder() {
                @Override
                public void configure() {
                    pipeline("soak").listen("zeromq:PULL:" + args[0])
                            .decouple(10_000, Integer.parseInt(args[3]))
                            .operator(new ArroyoPipeline.NewMessage())
                            .publish("kafka:" + args[2] + "?brokers=" + args[1]);
                }
            });
            camel.start();
            return camel::close;
        });
    }
}
