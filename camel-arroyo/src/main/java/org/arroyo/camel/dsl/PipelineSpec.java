package org.arroyo.camel.dsl;

import java.util.List;
import java.util.Objects;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.operator.Operator;

/**
 * A pipeline given as data rather than as Java calls: what an {@code arroyo-pipeline} route template's
 * parameters and a blocks file's block say. It is built by the Java DSL's {@link PipelineBuilder}, so
 * every form makes the same route.
 *
 * @param name       the pipeline's name: its route id, and {@code NAME-publishers}
 * @param listeners  consumer endpoint URIs, at least one
 * @param operator   the operator, or {@code null} to pass messages through
 * @param publishers producer endpoint URIs, possibly none (they can be added at runtime)
 */
public record PipelineSpec(String name, List<String> listeners, Operator operator, List<String> publishers) {

    public PipelineSpec {
        Objects.requireNonNull(name, "pipeline name");
        listeners = List.copyOf(listeners);
        publishers = List.copyOf(publishers);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + name + " needs a listener");
        }
    }

    /**
     * Adds the pipeline's route to the builder. With several listeners, each gets a route of its own
     * ({@code NAME-listener-1}, ...) feeding a bounded queue that the pipeline reads, so the operator is
     * still called by one thread at a time.
     */
    public void addTo(RouteBuilder routes) {
        String input = listeners.size() == 1 ? listeners.get(0) : "seda:" + name + "-listeners?blockWhenFull=true";
        PipelineBuilder pipeline = new PipelineBuilder(routes, name).listen(input);
        if (operator != null) {
            pipeline.operator(operator);
        }
        pipeline.publish(publishers.toArray(String[]::new));
        if (listeners.size() > 1) {
            for (int i = 0; i < listeners.size(); i++) {
                routes.from(listeners.get(i)).routeId(name + "-listener-" + (i + 1)).to(input);
            }
        }
    }
}
