package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scenario D, brokers: for Redis pub/sub, Redis Streams, Kafka and RabbitMQ, the hop from one destination to another
 * (1,118-byte events) made by the broker's own client in a loop, then by an Arroyo pipeline listening and publishing on
 * the broker's Camel URIs. Each session measures the rate as fast as the events go, then the source-to-sink latency
 * at {@value #PACED_RATE} events per second. Redis and RabbitMQ are the servers given; Kafka runs in this JVM. Every
 * broker but Redis pub/sub must lose nothing; pub/sub drops what a subscriber cannot take in time, which is reported
 * as it is.
 */
final class BrokerScenario implements Scenario {

    private static final Payload PAYLOAD = Payload.SMALL;
    static final int PACED_RATE = 1_000;
    /** The pipeline's p99 at the paced rate may be at most this many times the raw loop's. */
    private static final double P99_TARGET_FACTOR = 2;
    private static final String THROUGHPUT = "run-";
    private static final String PACED = "paced-";

    private final BrokerAddress redis;
    private final BrokerAddress rabbitMq;
    private final Set<Broker> brokers;

    BrokerScenario(BrokerAddress redis, BrokerAddress rabbitMq, Set<Broker> brokers) {
        this.redis = redis;
        this.rabbitMq = rabbitMq;
        this.brokers = brokers;
    }

    @Override
    public String id() {
        return "D";
    }

    @Override
    public List<String> missingPrerequisites() {
        return Stream.of(redis, rabbitMq).filter(this::needed).map(server -> server.broker().client().unavailable(server))
                .filter(Objects::nonNull).toList();
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        List<Row> rows = new ArrayList<>();
        if (brokers.contains(Broker.REDIS)) {
            rows.addAll(measure(plan, redis));
        }
        if (brokers.contains(Broker.REDIS_STREAM)) {
            rows.addAll(measure(plan, redis.on(Broker.REDIS_STREAM)));
        }
        if (brokers.contains(Broker.KAFKA)) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                kafka.warmUp();
                rows.addAll(measure(plan, kafka.server()));
            }
        }
        if (brokers.contains(Broker.RABBITMQ)) {
            rows.addAll(measure(plan, rabbitMq));
        }
        return rows;
    }

    /** Whether a broker selected runs on the server given: Redis pub/sub and Redis Streams share the Redis one. */
    private boolean needed(BrokerAddress server) {
        return brokers.contains(server.broker()) || server.broker() == Broker.REDIS && brokers.contains(Broker.REDIS_STREAM);
    }

    /** The warm-up, the measured runs as fast as the events go, then as many paced runs. */
    static List<RunSpec> runs(Plan plan) {
        List<RunSpec> runs = plan.warmupAt(0);
        for (int i = 1; i <= plan.runsPerSession(); i++) {
            runs.add(new RunSpec(THROUGHPUT + i, plan.runSeconds(), 0));
        }
        for (int i = 1; i <= plan.runsPerSession(); i++) {
            runs.add(new RunSpec(PACED + i, plan.runSeconds(), PACED_RATE));
        }
        return runs;
    }

    private static List<Row> measure(Plan plan, BrokerAddress server) throws Exception {
        Broker broker = server.broker();
        Transport transport = Transport.broker(server);
        Map<Implementation, List<Session.Outcome>> outcomes = Scenario.alternate(plan, "D-" + broker.scheme(),
                Implementation.BASELINE_AND_PIPELINE, implementation -> new Session(transport, implementation,
                        PAYLOAD.frameKib(), PAYLOAD.hwm(), runs(plan), null));
        boolean mustKeepAll = broker != Broker.REDIS;
        Spread baselineRate = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), THROUGHPUT).spread("msgPerSec");
        SinkRuns baselinePaced = Scenario.measured(outcomes.get(Implementation.RAW_RELAY), PACED);
        List<Row> rows = new ArrayList<>();
        for (Implementation implementation : outcomes.keySet()) {
            // no latency here: the source keeps the stage busy, so it is the time events queue, which the backlog sets
            SinkRuns runs = Scenario.measured(outcomes.get(implementation), THROUGHPUT);
            Spread msgPerSec = runs.spread("msgPerSec");
            rows.add(new Row("D " + broker.title(), PAYLOAD.label(), implementation.title(transport), msgPerSec,
                    runs.spread("mbPerSec"), implementation.isBaseline() ? null : msgPerSec.ratioTo(baselineRate),
                    null, null, null, loss(runs, mustKeepAll), mustKeepAll ? "0 lost" : "",
                    mustKeepAll ? runs.lost() == 0 : null));
        }
        for (Implementation implementation : outcomes.keySet()) {
            SinkRuns paced = Scenario.measured(outcomes.get(implementation), PACED);
            Spread p99 = paced.spread("p99Millis");
            boolean held = !implementation.isBaseline();
            double p99Ratio = p99.median() / baselinePaced.spread("p99Millis").median();
            String notes = (held ? String.format("p99 %.2f x the raw loop's; ", p99Ratio) : "") + loss(paced, mustKeepAll);
            rows.add(new Row("D " + broker.title() + " @1k/s", PAYLOAD.label(), implementation.title(transport),
                    paced.spread("msgPerSec"), paced.spread("mbPerSec"),
                    held ? paced.spread("msgPerSec").ratioTo(baselinePaced.spread("msgPerSec")) : null, paced.spread("p50Millis"), p99,
                    paced.spread("p999Millis"), notes, held ? "p99 <= " + (int) P99_TARGET_FACTOR + " x raw" : "",
                    held ? p99Ratio <= P99_TARGET_FACTOR : null));
        }
        return rows;
    }

    private static String loss(SinkRuns runs, boolean mustKeepAll) {
        return runs.lost() == 0 ? "nothing lost"
                : String.format("LOST %,d of %,d events", runs.lost(), runs.expected())
                  + (mustKeepAll ? "" : " (pub/sub drops what a subscriber does not take in time)");
    }
}
