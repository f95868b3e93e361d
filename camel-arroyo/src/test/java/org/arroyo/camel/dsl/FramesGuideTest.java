package org.arroyo.camel.dsl;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.Level;
import org.arroyo.camel.LogCapture;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.FrameCheck;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes of docs/frames.md as written there (Java, the template, a blocks file, the Kamelet), each between a
 * ZeroMQ sender of the page's lossy run and a receiver on loopback: every message passes, the log says what the page
 * says, and the readiness check is DOWN.
 */
class FramesGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("frames.md");

    private final CamelContext context = new DefaultCamelContext();
    private final LogCapture lines = new LogCapture(FrameCheck.class, Level.INFO);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        context.stop();
        lines.close();
    }

    public class CheckedRoutes extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            pipeline("saxs").listen("zeromq:PULL:{{detector}}")
                    .checkFrames("frame_number")
                    .publish("zeromq:PUSH:{{reduction}}?bind=true");
        }
    }

    @Test
    void theJavaPipeline() throws Exception {
        assertThePagesRun(routes -> routes.addRoutes(new CheckedRoutes()));
    }

    @Test
    void theTemplate() throws Exception {
        assertThePagesRun(yaml(GUIDE.block("yaml", "name: framesField").text()));
    }

    @Test
    void theBlocksFile() throws Exception {
        Path file = Files.writeString(dir.resolve("blocks.yaml"), GUIDE.block("yaml", "blocks:").text());
        assertThePagesRun(routes -> routes.addRoutes(new BlocksRouteBuilder(file)));
    }

    @Test
    void theKamelet() throws Exception {
        assertThePagesRun(yaml(GUIDE.block("yaml", "kamelet:arroyo-frames-action").text()));
    }

    private interface Routes {
        void addTo(CamelContext context) throws Exception;
    }

    private static Routes yaml(String routes) {
        return context -> {
            context.addRoutes(new ArroyoTemplates());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("frames.yaml", routes));
        };
    }

    /** The page's run: frames 0, 1, 2, 5, 6, 6, 7, 9, 8, 3 and a stop saying 10. */
    private static List<ArroyoMessage> run() {
        List<ArroyoMessage> run = new ArrayList<>();
        run.add(new Start(Map.of("run_id", "scan-1")));
        for (long frame : new long[] { 0, 1, 2, 5, 6, 6, 7, 9, 8, 3 }) {
            run.add(Event.of(Map.of("frame_number", frame)));
        }
        run.add(new Stop(Map.of("num_frames", 10)));
        return run;
    }

    private void assertThePagesRun(Routes routes) throws Exception {
        String in = "tcp://127.0.0.1:" + freePort();
        String out = "tcp://127.0.0.1:" + freePort();
        Properties properties = new Properties();
        properties.setProperty("detector", in);
        properties.setProperty("reduction", out);
        context.getPropertiesComponent().setInitialProperties(properties);
        routes.addTo(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:PULL:" + out).to("mock:received");
            }
        });
        context.start();
        MockEndpoint received = context.getEndpoint("mock:received", MockEndpoint.class);
        List<ArroyoMessage> run = run();
        received.expectedMessageCount(run.size());

        ProducerTemplate sender = context.createProducerTemplate();
        run.forEach(message -> sender.sendBody("zeromq:PUSH:" + in + "?bind=true", WireFormat.MSGPACK.codec().encodeFrame(message)));

        received.assertIsSatisfied(20_000);
        assertThat(received.getReceivedExchanges()).extracting(exchange -> WireFormat.MSGPACK.codec().decode(exchange.getMessage().getBody(byte[].class)))
                .as("every message passes, in order").containsExactlyElementsOf(run);
        assertThat(lines.texts()).isEqualTo(GUIDE.block("", "is losing frames").text().lines().toList());
        HealthCheck.Result readiness = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("arroyo-frames-saxs")).findFirst().orElseThrow();
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.DOWN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
