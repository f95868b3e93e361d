package org.arroyo.camel.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.arroyo.camel.operator.BatchingProcessor;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Partitioner;

/**
 * A step between a pipeline's listener and its publishers, as a {@link PipelineSpec} holds it. The data
 * forms name them {@value StageSettings#DECOUPLE}, {@value StageSettings#OPERATOR},
 * {@value StageSettings#BATCH} and {@value StageSettings#UNBATCH} ({@link StageSettings} reads them).
 */
public sealed interface Stage {

    /** Adds the stage to the pipeline being built. */
    void addTo(PipelineBuilder pipeline);

    /** The operator. */
    record Operating(Operator operator) implements Stage {
        public Operating {
            Objects.requireNonNull(operator, "operator");
        }

        @Override
        public void addTo(PipelineBuilder pipeline) {
            pipeline.operator(operator);
        }
    }

    /** {@link PipelineBuilder#batch}. */
    record Batching(int maxSize, Duration maxAge, Duration maxIdle) implements Stage {
        @Override
        public void addTo(PipelineBuilder pipeline) {
            pipeline.batch(maxSize, maxAge, maxIdle);
        }

        /** The batching step of a Kamelet, sending to its sink. */
        BatchingProcessor processor(String targetUri) {
            return new BatchingProcessor(targetUri, maxSize, maxAge, maxIdle);
        }
    }

    /** {@link PipelineBuilder#unbatch}. */
    record Unbatching() implements Stage {
        @Override
        public void addTo(PipelineBuilder pipeline) {
            pipeline.unbatch();
        }
    }

    /** {@link PipelineBuilder#decouple}. */
    record Decoupling(int queueSize, int threads) implements Stage {
        @Override
        public void addTo(PipelineBuilder pipeline) {
            pipeline.decouple(queueSize, threads);
        }

        /** The decoupling step of a Kamelet, sending to its sink. */
        DecouplingProcessor processor(String targetUri) {
            return new DecouplingProcessor(targetUri, queueSize, threads);
        }
    }

    /**
     * How a partitioned pipeline ends, instead of publishers: {@link PipelineBuilder#partition} by
     * {@code choice} or {@code key} of a metadata field.
     */
    record Partitioning(String by, String field, List<String> outputs) {
        public Partitioning {
            outputs = List.copyOf(outputs);
        }

        public Partitioner partitioner() {
            return Partitioner.of(by, field);
        }

        void addTo(PipelineBuilder pipeline) {
            pipeline.partition(partitioner(), outputs.toArray(String[]::new));
        }
    }
}
