package org.arroyo.example;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.test.infra.KafkaBroker;
import org.arroyo.test.infra.RabbitMqBroker;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.arroyo.example.ExampleApplicationTest.assertSameResults;
import static org.arroyo.example.ExampleApplicationTest.runExample;
import static org.assertj.core.api.Assertions.assertThat;

/** The redis, kafka and rabbitmq profiles: the same scan through a real broker gives the same results. */
class ExampleBrokerProfilesTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @ParameterizedTest
    @ValueSource(strings = { "redis", "kafka", "rabbitmq" })
    void theSameScanThroughABrokerGivesTheSameResults(String profile, @TempDir Path dir) throws Exception {
        Path overZeroMq = runExample("java", dir.resolve("zeromq"));
        String prefix = "example-" + UUID.randomUUID();
        RABBITMQ.track(prefix + "-frames");
        RABBITMQ.track(prefix + "-reduced");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.main.profile", profile);
        properties.put("arroyo.stream-prefix", prefix);
        properties.put("arroyo.redis", REDIS.address());
        properties.put("arroyo.kafka.brokers", KAFKA.bootstrapServers());
        properties.put("arroyo.rabbitmq.uri", "amqp://guest:guest@" + RabbitMqBroker.HOST + ":" + RabbitMqBroker.PORT);

        Path overBroker = runExample("java", dir.resolve(profile), properties);

        assertSameResults(overBroker, overZeroMq);
        JsonNode endpoints = new ObjectMapper().readTree(overBroker.resolve("run.json").toFile()).get("endpoints");
        String scheme = Map.of("redis", "spring-redis:", "kafka", "kafka:", "rabbitmq", "spring-rabbitmq:").get(profile);
        assertThat(endpoints.get("pipeline_listener").asText()).startsWith(scheme).contains(prefix);
        assertThat(endpoints.get("pipeline_publisher").asText()).startsWith(scheme).contains(prefix);
    }
}
