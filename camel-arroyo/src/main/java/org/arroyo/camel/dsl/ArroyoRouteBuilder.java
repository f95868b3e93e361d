package org.arroyo.camel.dsl;

import org.apache.camel.builder.RouteBuilder;

/**
 * A {@link RouteBuilder} that writes Arroyo pipelines:
 *
 * <pre>{@code
 * public class SaxsRoutes extends ArroyoRouteBuilder {
 *     public void configure() {
 *         pipeline("saxs").listen("zeromq:PULL:tcp://detector:5555")
 *                 .operator(new AzimuthalIntegration())
 *                 .publish("zeromq:PUSH:tcp://*:6000?bind=true", "kafka:reduced");
 *     }
 * }
 * }</pre>
 *
 * Each pipeline is an ordinary Camel route (id = the pipeline's name), visible in the route model,
 * JMX and route dumps.
 */
public abstract class ArroyoRouteBuilder extends RouteBuilder {

    /** Starts describing the pipeline of this name. */
    protected PipelineBuilder pipeline(String name) {
        return new PipelineBuilder(this, name);
    }
}
