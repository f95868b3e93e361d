package org.arroyo.camel.zeromq;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated catalog describes every option and header, and the user guide documents each of them.
 */
class ZeroMqCatalogTest {

    private static final String CATALOG = "/META-INF/org/arroyo/camel/zeromq/zeromq.json";

    private static JsonObject catalog() throws Exception {
        try (InputStream json = ZeroMqCatalogTest.class.getResourceAsStream(CATALOG)) {
            assertThat(json).as("generated catalog " + CATALOG).isNotNull();
            return (JsonObject) Jsoner.deserialize(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Set<String> names(JsonObject catalog, String section) {
        Map<String, ?> entries = catalog.getMap(section);
        return new TreeSet<>(entries.keySet());
    }

    @Test
    void catalogListsTheOptionsAndHeaders() throws Exception {
        JsonObject catalog = catalog();

        assertThat(names(catalog, "properties")).contains("socketType", "address", "bind", "topics", "topicFrame",
                "identity", "sendHwm", "receiveHwm", "sendTimeout", "receiveTimeout", "linger", "reconnectInterval",
                "reconnectIntervalMax", "immediate", "conflate", "heartbeatInterval", "heartbeatTimeout", "heartbeatTtl",
                "maxMsgSize", "pollTimeout", "curveServer", "serverKey", "publicKey", "secretKey", "allowedClients",
                "bridgeErrorHandler");
        assertThat(names(catalog, "headers")).containsExactly(ZeroMqConstants.IDENTITY, ZeroMqConstants.TOPIC);
        assertThat(names(catalog, "componentProperties")).contains("ioThreads");
        Map<String, Map<String, Object>> properties = catalog.getMap("properties");
        assertThat(properties.values()).allSatisfy(option -> assertThat((String) option.get("description")).isNotBlank());
        assertThat(properties.get("secretKey").get("secret")).isEqualTo(true);
    }

    @Test
    void userGuideDocumentsEveryOptionAndHeader() throws Exception {
        JsonObject catalog = catalog();
        String guide = Files.readString(Path.of("..", "docs", "zeromq-component.md"));

        for (String section : new String[] { "properties", "componentProperties", "headers" }) {
            for (String name : names(catalog, section)) {
                assertThat(guide).as("docs/zeromq-component.md mentions %s", name).contains("`" + name + "`");
            }
        }
    }
}
