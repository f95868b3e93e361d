package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Scenario D, brokers: for Redis pub/sub, Kafka and RabbitMQ, the hop from one destination to another (1,118-byte
 * events as fast as they go) made by the broker's own client in a loop, then by an Arroyo pipeline listening and
 * publishing on the broker's Camel URIs. Redis and RabbitMQ are the servers given; Kafka runs in this JVM. Kafka and
 * RabbitMQ must lose nothing; Redis pub/sub drops what a subscriber cannot take in time, which is reported as it is.
 */
final class BrokerScenario implements Scenario {

    private static final Payload PAYLOAD = Payload.SMALL;

    private final BrokerAddress redis;
    private final BrokerAddress rabbitMq;

    BrokerScenario(BrokerAddress redis, BrokerAddress rabbitMq) {
        this.redis = redis;
        this.rabbitMq = rabbitMq;
    }

    @Override
    public String id() {
        return "D";
    }

    @Override
    public List<String> missingPrerequisites() {
        return Stream.of(redis, rabbitMq).map(server -> server.broker().client().unavailable(server))
                .filter(Objects::nonNull).toList();
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        List<Row> rows = new ArrayList<>(measure(plan, redis));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.warmUp();
            rows.addAll(measure(plan, kafka.server()));
        }
        rows.addAll(measure(plan, rabbitMq));
        return rows;
    }

    private static List<Row> measure(Plan plan, BrokerAddress server) throws Exception {
        Broker broker = server.broker();
        Transport transport = Transport.broker(server);
        Map<Implementation, List<Session.Outcome>> outcomes = Scenario.alternate(plan, "D-" + broker.scheme(),
                Implementation.BASELINE_AND_PIPELINE, implementation -> new Session(transport, implementation,
                        PAYLOAD.frameKib(), PAYLOAD.hwm(), plan.runsAt(0, plan.runSeconds()), null));
        Spread baseline = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), "").spread("msgPerSec");
        List<Row> rows = new ArrayList<>();
        for (Implementation implementation : outcomes.keySet()) {
            SinkRuns runs = Scenario.measured(outcomes.get(implementation), "");
            Spread msgPerSec = runs.spread("msgPerSec");
            boolean mustKeepAll = broker != Broker.REDIS;
            String loss = runs.lost() == 0 ? "nothing lost"
                    : String.format("LOST %,d of %,d events", runs.lost(), runs.expected())
                      + (mustKeepAll ? "" : " (pub/sub drops what a subscriber does not take in time)");
            // no latency: the source keeps the stage busy, so it is the time events queue, which the backlog sets
            rows.add(new Row("D " + broker.title(), PAYLOAD.label(), implementation.title(transport), msgPerSec,
                    runs.spread("mbPerSec"), implementation.isBaseline() ? null : msgPerSec.ratioTo(baseline),
                    null, null, null, loss, mustKeepAll ? "0 lost" : "", mustKeepAll ? runs.lost() == 0 : null));
        }
        return rows;
    }
}
