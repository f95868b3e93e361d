package org.arroyo.tracing;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelTracingService;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.ScanRun;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/tracing.md: its properties switch tracing on in Camel Main and export to an OTLP/HTTP collector; nothing traces without them. */
class TracingGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("tracing.md");

    private final ByteArrayOutputStream exported = new ByteArrayOutputStream();
    private HttpServer collector;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    /** An OTLP/HTTP receiver that keeps what is posted to /v1/traces. */
    private String startCollector() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", request -> {
            byte[] body = request.getRequestBody().readAllBytes();
            synchronized (exported) {
                exported.writeBytes(body);
            }
            request.sendResponseHeaders(200, -1);
            request.close();
        });
        collector.start();
        return "http://127.0.0.1:" + collector.getAddress().getPort();
    }

    /** Runs a pipeline in Camel Main with these properties and a run of three frames through it. */
    private CamelContext runThrough(Properties properties) throws Exception {
        main = new Main();
        main.setInitialProperties(properties);
        main.configure().addRoutesBuilder(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("saxs").listen("seda:frames").operator(new Operator() { }).publish("seda:reduced");
            }
        });
        main.start();
        CamelContext context = main.getCamelContext();
        List<byte[]> run = ScanRun.encoded("run-7", 3);
        try (ProducerTemplate producer = context.createProducerTemplate(); ConsumerTemplate consumer = context.createConsumerTemplate()) {
            run.forEach(message -> producer.sendBody("seda:frames", message));
            for (int i = 0; i < run.size(); i++) {
                assertThat(consumer.receiveBody("seda:reduced", Duration.ofSeconds(10).toMillis())).isNotNull();
            }
        }
        return context;
    }

    @Test
    void theGuidesPropertiesExportTheRunsSpansToTheCollector() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(GUIDE.block("properties", "camel.opentelemetry2.enabled").text()));
        assertThat(properties).containsKey("otel.exporter.otlp.endpoint");
        properties.setProperty("otel.exporter.otlp.endpoint", startCollector());

        CamelContext context = runThrough(properties);
        assertThat(context.hasService(CamelTracingService.class)).isInstanceOf(ArroyoTracer.class);
        main.stop();  // the tracer's SDK exports what it still holds
        main = null;

        String otlp;
        synchronized (exported) {
            otlp = exported.toString(StandardCharsets.ISO_8859_1);
        }
        // OTLP protobuf carries texts as UTF-8 bytes: the service, the attributes and their values, the operator's step
        assertThat(otlp).contains("saxs-reduction", ArroyoTracer.RUN_ID, "run-7", ArroyoTracer.FRAME_NUMBER, "saxs-operator-process");
    }

    @Test
    void withoutTheSwitchNothingIsTraced() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("otel.exporter.otlp.endpoint", startCollector());

        CamelContext context = runThrough(properties);
        assertThat(context.hasService(CamelTracingService.class)).isNull();
        main.stop();
        main = null;

        assertThat(exported.size()).isZero();
    }
}
