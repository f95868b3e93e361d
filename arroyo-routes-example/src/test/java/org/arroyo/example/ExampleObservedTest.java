package org.arroyo.example;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The example with the page's switch on: its pipeline's figures and health over HTTP, read before it stops. */
class ExampleObservedTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theSwitchServesThePipelinesFiguresAndHealth(@TempDir Path dir) throws Exception {
        Properties documented = new Properties();
        documented.load(new StringReader(DocsPage.of("operations.md").block("properties", "arroyo.observe = true").text()));
        Map<String, String> properties = ExampleApplicationTest.zeroMqOnFreePorts();
        documented.stringPropertyNames().forEach(name -> properties.put(name, documented.getProperty(name)));
        int port = ExampleApplicationTest.freePort();
        properties.put("camel.management.port", String.valueOf(port));
        Map<String, HttpResponse<String>> read = new ConcurrentHashMap<>();

        ExampleApplicationTest.runExample("java", dir.resolve("out"), properties, main -> main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport main) {
                for (String path : new String[] { "/observe/metrics", "/observe/health/live", "/observe/health/ready" }) {
                    read.put(path, get(port, path));
                }
            }
        }));

        int frames = ExampleApplicationTest.FRAMES;
        assertThat(read).as("read before the example stopped").containsOnlyKeys("/observe/metrics", "/observe/health/live",
                "/observe/health/ready");
        assertThat(read.get("/observe/health/live").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(read.get("/observe/health/ready").statusCode()).as(read.get("/observe/health/ready").body()).isEqualTo(200);
        assertThat(read.get("/observe/metrics").body()).contains(
                "arroyo_pipeline_messages_in_total{msg_type=\"start\",pipeline=\"saxs\"} 1.0\n",
                "arroyo_pipeline_messages_in_total{msg_type=\"event\",pipeline=\"saxs\"} " + frames + ".0\n",
                "arroyo_pipeline_messages_in_total{msg_type=\"stop\",pipeline=\"saxs\"} 1.0\n",
                "arroyo_pipeline_messages_out_total{msg_type=\"event\",pipeline=\"saxs\"} " + frames + ".0\n",
                "arroyo_pipeline_operator_seconds_count{pipeline=\"saxs\"} " + (frames + 2) + "\n",
                "arroyo_pipeline_failures_total{pipeline=\"saxs\"} 0.0\n");
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " on the management port " + port, e);
        }
    }
}
