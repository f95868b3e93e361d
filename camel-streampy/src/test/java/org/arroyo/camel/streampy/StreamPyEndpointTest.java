package org.arroyo.camel.streampy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint's options as Camel reads them, and its headers in the generated catalog. */
class StreamPyEndpointTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void requestTimeoutIsADurationAsInEveryCamelComponent() {
        assertThat(context.getEndpoint("streampy:queue:127.0.0.1:10000?requestTimeout=2s", StreamPyEndpoint.class)
                .getRequestTimeout()).isEqualTo(2000);
        assertThat(context.getEndpoint("streampy:queue:127.0.0.1:10001?requestTimeout=PT0.25S", StreamPyEndpoint.class)
                .getRequestTimeout()).isEqualTo(250);
        assertThat(context.getEndpoint("streampy:queue:127.0.0.1:10002", StreamPyEndpoint.class).getRequestTimeout())
                .isEqualTo(5000);
    }

    @Test
    void theCatalogNamesEveryHeaderAndNoExchangeProperty() throws Exception {
        try (InputStream json = getClass().getResourceAsStream("/META-INF/org/arroyo/camel/streampy/streampy.json")) {
            JsonObject catalog = (JsonObject) Jsoner.deserialize(new String(json.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, ?> headers = catalog.getMap("headers");

            assertThat(headers).containsOnlyKeys(StreamPyConstants.REPLY);
        }
    }
}
