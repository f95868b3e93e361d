package org.arroyo.example;

import org.arroyo.camel.dsl.ArroyoRouteBuilder;

/**
 * The example in Java DSL: a simulated detector publishes a scan, the {@code saxs} pipeline reduces
 * it, the results route writes what comes out; the detector's frames and the reduced profiles are shown live on
 * the {@code arroyo.example.view} page. Endpoints come from properties, so profiles switch
 * them to Redis, Kafka or RabbitMQ (see {@code application-*.properties}).
 */
public class SaxsRoutes extends ArroyoRouteBuilder {

    @Override
    public void configure() {
        from("timer:detector?repeatCount={{arroyo.detector.messages}}&period={{arroyo.detector.period-ms}}&delay=500")
                .routeId("detector")
                .bean("detector", "next")
                .to("{{arroyo.detector.uri}}", "{{arroyo.example.view}}");

        pipeline("saxs").listen("{{arroyo.listener}}").operator("reduction").publish("{{arroyo.publisher}}");

        from("{{arroyo.results.listener}}").routeId("results").process("results").to("{{arroyo.example.view}}");
    }
}
