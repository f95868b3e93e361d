package org.arroyo.camel.dsl;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.operator.Batching;
import org.arroyo.camel.operator.Decoupling;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Partitioning;

/**
 * A pipeline as data: what a blocks file's block and the {@code arroyo-pipeline} template's parameters say, with the
 * names they use. Its routes are built by the Java DSL's {@link PipelineBuilder}, so every form makes the same routes.
 *
 * @param name        the pipeline's name: its route id, and {@code NAME-publishers}
 * @param description what the pipeline does, or null; the description of its route
 * @param listeners   consumer endpoint URIs, at least one
 * @param frames      the frame check of what the listeners give, or null for none
 * @param operator    the operator, or null for none
 * @param stages      the steps between listener and end, in order; by default the operator, if there is one
 * @param decouple    the decoupling stage's settings (defaults when it is a stage and they are not given)
 * @param batch       the batching stage's settings
 * @param partition   the partitioned end instead of publishers, or null
 * @param publishers  producer endpoint URIs, possibly none (they can be added at runtime)
 * @param format      the wire convention the listeners read and the publishers (or partition outputs) write
 */
public record PipelineSpec(String name, String description, List<String> listeners, FrameChecking frames, OperatorSpec operator,
                           List<StageName> stages, Decoupling decouple, Batching batch, Partitioning partition,
                           List<String> publishers, PipelineFormat format) {

    /**
     * @throws IllegalArgumentException saying what is missing or contradictory
     */
    public PipelineSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a pipeline needs a name");
        }
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("needs at least one listener (a Camel endpoint URI under 'listeners')");
        }
        publishers = publishers == null ? List.of() : List.copyOf(publishers);
        format = format == null ? PipelineFormat.MSGPACK : format;
        stages = stages != null ? List.copyOf(stages) : operator != null ? List.of(StageName.OPERATOR) : List.of();
        checkOrder(stages, operator, decouple, batch);
        if (stages.contains(StageName.DECOUPLE) && decouple == null) {
            decouple = Decoupling.DEFAULTS;
        }
        if (stages.contains(StageName.BATCH) && batch == null) {
            throw new IllegalArgumentException("batch needs a maxSize");
        }
        if (partition != null && !publishers.isEmpty()) {
            throw new IllegalArgumentException("ends either in publishers or in a partition, not both");
        }
    }

    private static void checkOrder(List<StageName> stages, OperatorSpec operator, Decoupling decouple, Batching batch) {
        Set<StageName> seen = EnumSet.noneOf(StageName.class);
        for (StageName stage : stages) {
            if (!seen.add(stage)) {
                throw new IllegalArgumentException("stage '" + stage + "' is named twice in " + stages);
            }
        }
        List<StageName> configured = new ArrayList<>();
        if (decouple != null) {
            configured.add(StageName.DECOUPLE);
        }
        if (batch != null) {
            configured.add(StageName.BATCH);
        }
        for (StageName stage : configured) {
            if (!seen.contains(stage)) {
                throw new IllegalArgumentException(stage + " settings are given but '" + stage + "' is not in the stages " + stages);
            }
        }
        if (operator != null && !seen.contains(StageName.OPERATOR)) {
            throw new IllegalArgumentException("an operator is given but 'operator' is not in the stages " + stages);
        }
        if (operator == null && seen.contains(StageName.OPERATOR)) {
            throw new IllegalArgumentException("the stages name 'operator' but no operator is given");
        }
    }

    /**
     * Adds the pipeline's routes to the builder.
     *
     * @throws IllegalArgumentException when the operator cannot be made
     */
    public void addTo(RouteBuilder routes) {
        Operator made = operator == null ? null : operator.create(routes.getContext());
        PipelineBuilder pipeline = new PipelineBuilder(routes, name).format(format).listen(listeners.toArray(String[]::new));
        if (description != null) {
            pipeline.description(description);
        }
        if (frames != null) {
            pipeline.checkFrames(frames);
        }
        for (StageName stage : stages) {
            switch (stage) {
                case DECOUPLE -> pipeline.decouple(decouple);
                case OPERATOR -> pipeline.operator(made);
                case BATCH -> pipeline.batch(batch);
                case UNBATCH -> pipeline.unbatch();
            }
        }
        if (partition != null) {
            pipeline.partition(partition);
        } else {
            pipeline.publish(publishers.toArray(String[]::new));
        }
    }
}
