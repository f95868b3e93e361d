package org.arroyo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.arroyo.test.infra.Prerequisite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * Sessions of scenarios A and D, short and slow (500 events per second): each stage passes every event of each run from
 * the source to the sink, and the sink's count agrees with the source's.
 */
class SessionTest {

    private static final BrokerAddress REDIS = BrokerAddress.server(Broker.REDIS, "127.0.0.1:6379");
    private static final BrokerAddress RABBITMQ = BrokerAddress.server(Broker.RABBITMQ, "guest:guest@127.0.0.1:5672");
    private static final List<RunSpec> RUNS = List.of(new RunSpec(RunSpec.WARMUP, 0.2, 500), new RunSpec("run-1", 0.6, 500));

    private static EmbeddedKafka kafka;

    @TempDir
    Path logs;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void scenarioAsStagesOnZeroMqPassEveryEventOn(Implementation implementation) throws Exception {
        String name = "zeromq-" + implementation.name().toLowerCase();
        assertEveryEventPassed(new Session(Transport.ZEROMQ, implementation, 1, 200, RUNS, null).run(logs, name), name);
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void theRelayAndThePipelinePassEveryEventOnAndTheSinkCountsWhatTheSourceSent(Broker broker) throws Exception {
        BrokerAddress server = switch (broker) {
            case REDIS -> REDIS;
            case REDIS_STREAM -> REDIS.on(Broker.REDIS_STREAM);
            case KAFKA -> kafka.server();
            case RABBITMQ -> RABBITMQ;
        };
        String unavailable = broker.client().unavailable(server);
        if (unavailable != null) {
            Prerequisite.missing(unavailable);
        }
        Transport transport = Transport.broker(server);
        for (Implementation implementation : Implementation.BASELINE_AND_PIPELINE) {
            String name = broker.scheme() + "-" + implementation.name().toLowerCase();
            assertEveryEventPassed(new Session(transport, implementation, 1, 200, RUNS, null).run(logs, name), name);
        }
    }

    private static void assertEveryEventPassed(Session.Outcome outcome, String name) {
        assertThat(outcome.sinkRuns()).as(name).extracting(run -> run.get("run").asText()).containsExactly("warmup", "run-1");
        for (int i = 0; i < RUNS.size(); i++) {
            JsonNode received = outcome.sinkRuns().get(i);
            long sent = outcome.sourceRuns().get(i).get("sent").asLong();
            assertThat(sent).as(name + " sent").isGreaterThanOrEqualTo(50);
            assertThat(received.get("events").asLong()).as(name + " received").isEqualTo(sent);
            assertThat(received.get("expected").asLong()).as(name + " expected").isEqualTo(sent);
            assertThat(received.get("lost").asLong()).as(name + " lost").isZero();
            assertThat(received.get("p99Millis").asDouble()).as(name + " p99").isPositive();
        }
    }

    @Test
    void brokersThatDoNotAnswerAreNamedBeforeAnythingRuns(@TempDir Path out) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchmarkMain()).setErr(new PrintWriter(err, true));

        int exit = command.execute("--scenarios", "D", "--redis", "127.0.0.1:1", "--rabbitmq", "guest:guest@127.0.0.1:1",
                "--out", out.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("scenario D: Redis does not answer on 127.0.0.1:1")
                .contains("scenario D: RabbitMQ does not answer on 127.0.0.1:1");
    }
}
