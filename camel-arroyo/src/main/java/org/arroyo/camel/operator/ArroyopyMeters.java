package org.arroyo.camel.operator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * A node's figures as Micrometer meters, named as arroyopy names its Prometheus metrics:
 * {@code arroyopy_messages_received_total} (tag {@code listener_type}; arroyopy's
 * {@code arroyopy_messages_per_second} is its {@code rate()} in PromQL), {@code arroyopy_messages_processed_total}, the histogram
 * {@code arroyopy_processing_seconds} (arroyopy's buckets) and {@code arroyopy_avg_processing_seconds}
 * (tag {@code operator_type}); every meter also has the tag {@code pipeline}. The registry is
 * camel-micrometer's ({@code metricsRegistry} in the Camel registry), so a Prometheus registry bound
 * there exposes them beside Camel's own route metrics and the pipelines' own meters ({@link PipelineMeters}). camel-streampy's
 * {@code PipelineMetrics} and queue nodes take these measurements.
 */
public final class ArroyopyMeters {

    private static final Duration[] ARROYOPY_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10) };

    private final Counter received;
    private final Counter processed;
    private final Timer processing;

    private ArroyopyMeters(MeterRegistry registry, String pipeline, String listenerType, String operatorType) {
        Tags listener = Tags.of("pipeline", pipeline, "listener_type", listenerType);
        Tags operator = Tags.of("pipeline", pipeline, "operator_type", operatorType);
        received = Counter.builder("arroyopy.messages.received").description("Total number of messages received by listeners")
                .tags(listener).register(registry);
        processed = Counter.builder("arroyopy.messages.processed").description("Total number of messages processed")
                .tags(operator).register(registry);
        processing = Timer.builder("arroyopy.processing").description("Time spent processing messages in operators")
                .serviceLevelObjectives(ARROYOPY_BUCKETS).tags(operator).register(registry);
        Gauge.builder("arroyopy.avg.processing.seconds", processing, timer -> timer.mean(TimeUnit.SECONDS))
                .description("Average time to process messages in operators").tags(operator).register(registry);
    }

    /** The meters in the CamelContext's camel-micrometer registry (created there if there is none). */
    public static ArroyopyMeters register(CamelContext camelContext, String pipeline, String listenerType, String operatorType) {
        MeterRegistry registry = MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        return new ArroyopyMeters(registry, pipeline, listenerType, operatorType);
    }

    /** A message came in. */
    public void received() {
        received.increment();
    }

    /** A message was done with after {@code elapsedNanos}. */
    public void completed(long elapsedNanos) {
        processed.increment();
        processing.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }
}
