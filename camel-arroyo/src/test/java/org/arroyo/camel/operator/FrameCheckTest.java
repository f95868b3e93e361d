package org.arroyo.camel.operator;

import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.arroyo.camel.LogCapture;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pipeline checking its frames: runs with known gaps, duplicates, frames out of order and wrong stop counts, and what
 * it counted in the log, the counters, the readiness check; every message still published.
 */
class FrameCheckTest {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CamelContext context = new DefaultCamelContext();
    private LogCapture lines;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        lines = new LogCapture(FrameCheck.class, Level.INFO);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
    }

    @AfterEach
    void stop() {
        context.stop();
        lines.close();
    }

    private void pipeline(FrameChecking settings) throws Exception {
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("scan").listen("direct:in").checkFrames(settings).publish("mock:out");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private void send(ArroyoMessage message) {
        template.sendBody("direct:in", WireFormat.MSGPACK.codec().encodeFrame(message));
    }

    private void frames(String field, long... numbers) {
        for (long number : numbers) {
            send(Event.of(Map.of(field, number), NdArray.ofUint16(new int[] { (int) number, 1 }, 2)));
        }
    }

    private HealthCheck.Result readiness() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("arroyo-frames-scan")).findFirst().orElseThrow();
    }

    private double counter(String name) {
        return meters.get(name).tag("pipeline", "scan").counter().count();
    }

    @Test
    void aRunWithGapsDuplicatesLateFramesAndAWrongStopCountIsCountedAndTheNextRunStartsReady() throws Exception {
        pipeline(FrameChecking.DEFAULTS);
        assertThat(readiness().getState()).as("before any run").isEqualTo(HealthCheck.State.UP);

        send(new Start(Map.of("run_id", "scan-1")));
        frames("frame_number", 0, 1, 2);
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        frames("frame_number", 5);
        HealthCheck.Result losing = readiness();
        assertThat(losing.getState()).as("3 and 4 are missing").isEqualTo(HealthCheck.State.DOWN);
        assertThat(losing.getMessage()).hasValue("run scan-1 is losing frames: 4 arrived, 1 gap (2 missing), 0 duplicates,"
                + " 0 out of order, 0 unnumbered, no frame count in the stop");
        assertThat(losing.getDetails()).containsEntry("run", "scan-1").containsEntry("missing", 2L).containsEntry("gaps", 1L);
        frames("frame_number", 6, 6, 7, 9, 8, 3);
        assertThat(readiness().getState()).as("4 is still missing").isEqualTo(HealthCheck.State.DOWN);
        send(new Stop(Map.of("run_id", "scan-1", "num_frames", 10)));

        assertThat(counter("arroyopy.frame.gaps")).as("3-4 and 8").isEqualTo(2);
        assertThat(counter("arroyopy.frames.missing")).as("4").isEqualTo(1);
        assertThat(counter("arroyopy.frame.duplicates")).as("the second 6").isEqualTo(1);
        assertThat(counter("arroyopy.frames.out.of.order")).as("8 after 9, 3 after 8").isEqualTo(2);
        assertThat(counter("arroyopy.frame.count.mismatches")).as("the stop says 10, 9 arrived").isEqualTo(1);
        assertThat(meters.scrape().lines()).as("as Prometheus reads them").contains(
                "arroyopy_frame_gaps_total{pipeline=\"scan\"} 2.0", "arroyopy_frames_missing_total{pipeline=\"scan\"} 1.0",
                "arroyopy_frame_duplicates_total{pipeline=\"scan\"} 1.0", "arroyopy_frames_out_of_order_total{pipeline=\"scan\"} 2.0",
                "arroyopy_frame_count_mismatches_total{pipeline=\"scan\"} 1.0");
        assertThat(lines.entries()).containsExactly(
                new LogCapture.Entry(Level.WARN, FrameCheck.class.getName(), "scan: run scan-1 is losing frames: frame_number 5 arrived with 3-4 missing", false),
                new LogCapture.Entry(Level.WARN, FrameCheck.class.getName(), "scan: run scan-1 frames: 9 arrived, 2 gaps (1 missing), 1 duplicate,"
                        + " 2 out of order, 0 unnumbered, the stop says 10", false));

        send(new Start(Map.of("run_id", "scan-2")));
        assertThat(readiness().getState()).as("a new run").isEqualTo(HealthCheck.State.UP);
        frames("frame_number", 0, 1, 2);
        send(new Stop(Map.of("num_frames", 3)));
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(lines.texts()).last().isEqualTo("scan: run scan-2 frames: 3 arrived, 0 gaps (0 missing), 0 duplicates,"
                + " 0 out of order, 0 unnumbered, the stop says 3");
        assertThat(lines.entries()).last().extracting(LogCapture.Entry::level).isEqualTo(Level.INFO);
        assertThat(counter("arroyopy.frame.gaps") + counter("arroyopy.frames.missing") + counter("arroyopy.frame.duplicates"))
                .as("nothing added by a run in sequence").isEqualTo(2 + 1 + 1);

        assertThat(context.getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter())
                .as("every message of both runs published").isEqualTo(1 + 10 + 1 + 1 + 3 + 1);
    }

    @Test
    void theFieldsAreConfigurableAndEventsWithoutANumberAreCountedNotChecked() throws Exception {
        pipeline(new FrameChecking("seq_num", "frames"));

        send(new Start(Map.of("scan_id", 17)));
        frames("seq_num", 1, 0, 2);
        send(Event.of(Map.of("seq_num", "three")));
        send(Event.of(Map.of("frame_number", 3)));
        send(new Stop(Map.of("frames", 2)));

        assertThat(readiness().getState()).as("nothing missing, the stop counts fewer than arrived").isEqualTo(HealthCheck.State.UP);
        assertThat(counter("arroyopy.frame.gaps")).isZero();
        assertThat(counter("arroyopy.frames.out.of.order")).as("0 after 1").isEqualTo(1);
        assertThat(counter("arroyopy.frame.count.mismatches")).isEqualTo(1);
        assertThat(lines.texts()).containsExactly(
                "scan: run 17: an event without a frame number in seq_num (it holds three); such events are not checked",
                "scan: run 17 frames: 3 arrived, 0 gaps (0 missing), 0 duplicates, 1 out of order, 2 unnumbered, the stop says 2");
    }

    @Test
    void aStopCountingMoreFramesThanArrivedIsLosingFrames() throws Exception {
        pipeline(FrameChecking.DEFAULTS);

        send(new Start(Map.of("run_id", "scan-3")));
        frames("frame_number", 0, 1, 2);
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        send(new Stop(Map.of("num_frames", 5)));

        assertThat(readiness().getState()).as("the last two frames never came").isEqualTo(HealthCheck.State.DOWN);
        assertThat(readiness().getDetails()).containsEntry("declared", 5L).containsEntry("frames", 3L);
        assertThat(counter("arroyopy.frames.missing")).as("no gap: the stop's count tells").isZero();
        assertThat(counter("arroyopy.frame.count.mismatches")).isEqualTo(1);
    }

    @Test
    void theCheckComesRightAfterTheListener() {
        assertThatThrownBy(() -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("scan").listen("direct:in").operator(new Operator() {
                }).checkFrames().publish("mock:out");
            }
        })).hasMessage("pipeline scan: checkFrames comes right after listen(uri)");
    }

    @Test
    void thePipelinesOwnCheckIsGoneWhenItsRouteIsRemoved() throws Exception {
        pipeline(FrameChecking.DEFAULTS);
        assertThat(HealthCheckHelper.invokeReadiness(context)).extracting(result -> result.getCheck().getId()).contains("arroyo-frames-scan");

        context.getRouteController().stopRoute("scan");
        context.removeRoute("scan");

        assertThat(HealthCheckHelper.invokeReadiness(context)).extracting(result -> result.getCheck().getId())
                .doesNotContain("arroyo-frames-scan");
    }
}
