package org.arroyo.camel.operator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.arroyo.camel.message.MessageType;

/**
 * The meters of {@link PipelineMeters}, all tagged {@code pipeline}: {@code arroyo_pipeline_messages_in_total} and
 * {@code arroyo_pipeline_messages_out_total} (tag {@code msg_type}), the timer {@code arroyo_pipeline_operator_seconds},
 * {@code arroyo_pipeline_failures_total}, {@code arroyo_pipeline_dead_letters_total}, the gauge
 * {@code arroyo_pipeline_queue_depth} (tag {@code stage}) and the summary {@code arroyo_pipeline_batch_size}. Only this
 * class touches Micrometer, so the pipelines work without it on the class path.
 */
final class Meters {

    private final Map<MessageType, Counter> in = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> out = new EnumMap<>(MessageType.class);
    private final Timer operator;
    private final Counter failures;
    private final Counter deadLetters;
    private final DistributionSummary batchSize;

    private Meters(MeterRegistry registry, String pipeline, Map<String, IntSupplier> queues) {
        for (MessageType type : MessageType.values()) {
            in.put(type, Counter.builder("arroyo.pipeline.messages.in").description("Messages the pipeline's listener received")
                    .tags("pipeline", pipeline, "msg_type", type.wireName()).register(registry));
            out.put(type, Counter.builder("arroyo.pipeline.messages.out").description("Messages handed to the pipeline's publishers")
                    .tags("pipeline", pipeline, "msg_type", type.wireName()).register(registry));
        }
        operator = Timer.builder("arroyo.pipeline.operator").description("Time spent in the pipeline's operator")
                .tag("pipeline", pipeline).register(registry);
        failures = Counter.builder("arroyo.pipeline.failures").description("Messages whose processing failed")
                .tag("pipeline", pipeline).register(registry);
        deadLetters = Counter.builder("arroyo.pipeline.dead.letters").description("Failed messages handed to the dead letters")
                .tag("pipeline", pipeline).register(registry);
        batchSize = DistributionSummary.builder("arroyo.pipeline.batch.size").description("Events per batch")
                .tag("pipeline", pipeline).register(registry);
        queues.forEach((stage, depth) -> Gauge.builder("arroyo.pipeline.queue.depth", depth::getAsInt)
                .description("Messages waiting in a decoupling stage or being processed by its threads")
                .tags("pipeline", pipeline, "stage", stage).register(registry));
    }

    /** The meters in the context's {@code metricsRegistry}, or null when it has none. */
    static Meters register(CamelContext camelContext, String pipeline, Map<String, IntSupplier> queues) {
        MeterRegistry registry = camelContext.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        return registry == null ? null : new Meters(registry, pipeline, queues);
    }

    void received(MessageType type) {
        in.get(type).increment();
    }

    void published(MessageType type) {
        out.get(type).increment();
    }

    void operated(long nanos) {
        operator.record(nanos, TimeUnit.NANOSECONDS);
    }

    void failed(boolean deadLetter) {
        failures.increment();
        if (deadLetter) {
            deadLetters.increment();
        }
    }

    void batch(int size) {
        batchSize.record(size);
    }
}
