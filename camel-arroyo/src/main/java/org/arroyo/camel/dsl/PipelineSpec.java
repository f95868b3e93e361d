package org.arroyo.camel.dsl;

import java.util.List;
import java.util.Objects;

import org.apache.camel.builder.RouteBuilder;

/**
 * A pipeline given as data rather than as Java calls: what an {@code arroyo-pipeline} route template's
 * parameters and a blocks file's block say. It is built by the Java DSL's {@link PipelineBuilder}, so
 * every form makes the same route.
 *
 * @param name         the pipeline's name: its route id, and {@code NAME-publishers}
 * @param listeners    consumer endpoint URIs, at least one
 * @param stages       the steps between listener and end, in order (the operator is one of them)
 * @param publishers   producer endpoint URIs, possibly none (they can be added at runtime)
 * @param partitioning instead of publishers, the partitioned end; or null
 */
public record PipelineSpec(String name, List<String> listeners, List<Stage> stages, List<String> publishers,
                           Stage.Partitioning partitioning) {

    public PipelineSpec {
        Objects.requireNonNull(name, "pipeline name");
        listeners = List.copyOf(listeners);
        stages = List.copyOf(stages);
        publishers = List.copyOf(publishers);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + name + " needs a listener");
        }
        if (partitioning != null && !publishers.isEmpty()) {
            throw new IllegalArgumentException("pipeline " + name + " ends either in publishers or in a partition, not both");
        }
    }

    /**
     * Adds the pipeline's routes to the builder. With several listeners, each gets a route of its own
     * ({@code NAME-listener-1}, ...) feeding a bounded queue that the pipeline reads, so the operator is
     * still called by one thread at a time (unless a decoupling stage gives it more).
     */
    public void addTo(RouteBuilder routes) {
        String input = listeners.size() == 1 ? listeners.get(0) : "seda:" + name + "-listeners?blockWhenFull=true";
        PipelineBuilder pipeline = new PipelineBuilder(routes, name).listen(input);
        stages.forEach(stage -> stage.addTo(pipeline));
        if (partitioning != null) {
            partitioning.addTo(pipeline);
        } else {
            pipeline.publish(publishers.toArray(String[]::new));
        }
        if (listeners.size() > 1) {
            for (int i = 0; i < listeners.size(); i++) {
                routes.from(listeners.get(i)).routeId(name + "-listener-" + (i + 1)).to(input);
            }
        }
    }
}
