package org.arroyo.camel.operator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
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
import static org.awaitility.Awaitility.await;

/** A pipeline's progress lines, as logged: the run's start, its progress while events flow, its stop with the counts. */
class PipelineProgressTest {

    private LogCapture lines;

    @BeforeEach
    void listen() {
        lines = new LogCapture(PipelineProgress.class, Level.INFO);
    }

    @AfterEach
    void stopListening() {
        lines.close();
    }

    /** A pipeline whose operator fails on frame 3, with a dead letter channel; the listener gives msgpack bytes. */
    private static CamelContext pipeline(String progress) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty(PipelineProgress.PROPERTY, progress);
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                pipeline("scan").listen("direct:in").operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) {
                        if (event.metadata().get("frame_number").equals(3L)) {
                            throw new IllegalStateException("frame 3 is broken");
                        }
                        return List.of(event);
                    }
                }).publish("mock:out");
            }
        });
        context.start();
        return context;
    }

    private static void send(ProducerTemplate template, ArroyoMessage message) {
        template.sendBody("direct:in", WireFormat.MSGPACK.codec().encodeFrame(message));
    }

    @Test
    void aRunIsAStartLineProgressLinesWhileEventsFlowAndAStopLineWithTheCounts() throws Exception {
        try (CamelContext context = pipeline("200ms")) {
            ProducerTemplate template = context.createProducerTemplate();
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("run_id", "scan-1");
            start.put("width", 2);
            start.put("sample", "x".repeat(100));
            start.put("mask", new byte[1000]);
            send(template, new Start(start));
            for (int frame = 0; frame < 5; frame++) {
                send(template, Event.of(Map.of("frame_number", frame), NdArray.ofUint16(new int[] { 1, 2, 3, 4 }, 2, 2)));
                Thread.sleep(120);
            }
            send(template, new Stop(Map.of("num_frames", 5)));

            assertThat(context.getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter()).isEqualTo(6);
            assertThat(context.getEndpoint("mock:dead", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
        }

        List<String> logged = lines.texts();
        assertThat(logged).first().isEqualTo("scan: run scan-1 started: width=2, sample=" + "x".repeat(37) + "..., mask=<1000 B sha256:541b3e9daa09>");
        assertThat(logged).last().asString().matches("scan: run scan-1 stopped: 5 events in \\d+\\.\\d s, 1 failures, 1 dead letters");
        assertThat(logged.subList(1, logged.size() - 1)).as("progress lines").isNotEmpty()
                .allMatch(line -> line.matches("scan: run scan-1: [1-5] events, \\d+\\.\\d events/s, [01] failures"));
    }

    @Test
    void offMeansNoLines() throws Exception {
        try (CamelContext context = pipeline("off")) {
            ProducerTemplate template = context.createProducerTemplate();
            send(template, new Start(Map.of("run_id", "scan-1")));
            send(template, Event.of(Map.of("frame_number", 0)));
            send(template, new Stop(Map.of()));

            assertThat(context.getEndpoint("mock:out", MockEndpoint.class).getReceivedCounter()).isEqualTo(3);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> lines.texts().isEmpty());
        }
    }

    @Test
    void aBadIntervalIsNamed() {
        assertThatThrownBy(() -> pipeline("soon").close())
                .hasStackTraceContaining("arroyo.progress must be a duration such as 5s or 500ms, or off, not 'soon'");
    }
}
