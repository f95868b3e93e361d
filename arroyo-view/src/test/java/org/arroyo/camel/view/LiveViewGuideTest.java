package org.arroyo.camel.view;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The route of docs/live-view.md, as written there, fed a run in msgpack: the page shows it. */
class LiveViewGuideTest {

    private static final DocsPage GUIDE = DocsPage.of("live-view.md");
    private static final Path THIS_FILE = Path.of("src/test/java/org/arroyo/camel/view/LiveViewGuideTest.java");

    public class LiveView extends RouteBuilder {
        @Override
        public void configure() {
            from("{{arroyo.listener}}")                  // any listener: zeromq:, kafka:, spring-redis:, file: ...
                    .unmarshal().custom("arroyo")        // bytes -> Start / Event / Stop
                    .to("arroyo-view:detector");         // http://127.0.0.1:8070/arroyo-view/detector/
        }
    }

    @Test
    void theGuidesRouteIsThisTestsRoute() {
        assertThat(GUIDE.javaBlocksNotIn(THIS_FILE)).isEmpty();
    }

    @Test
    void theGuidesRouteShowsARunOnThePage() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties listener = new Properties();
        listener.setProperty("arroyo.listener", "direct:detector");
        camel.getPropertiesComponent().setInitialProperties(listener);
        try (ServerSocket free = new ServerSocket(0)) {
            camel.getComponent("arroyo-view", ViewComponent.class).setPort(free.getLocalPort());
        }
        camel.addRoutes(new LiveView());
        camel.start();
        try (PageClient browser = new PageClient(HttpClient.newHttpClient(), camel.getEndpoint("arroyo-view:detector", ViewEndpoint.class).pageUrl())) {
            ProducerTemplate template = camel.createProducerTemplate();
            for (ArroyoMessage message : List.of(new Start(Map.of("run_id", "guide-1")),
                    Event.of(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3)),
                    new Stop(Map.of("run_id", "guide-1")))) {
                template.sendBody("direct:detector", camel.getTypeConverter().convertTo(byte[].class, message));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.latest() != null && browser.latest().hasNonNull("stop"));
            assertThat(browser.latest().get("start").get("run_id").asText()).isEqualTo("guide-1");
            assertThat(browser.latest().get("image").get("shape").toString()).isEqualTo("[2,3]");
        } finally {
            camel.stop();
        }
    }
}
