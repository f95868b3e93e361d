package org.arroyo.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detector side: binds a PUSH socket (or publishes to a broker destination) and sends runs of arroyosas events
 * (start, events, stop), each run for a given time at a given rate or as fast as the next stage takes them (ZeroMQ's
 * high water mark holds the source back; on a broker, see {@link BrokerClient#publisher}). Each event carries its send
 * time. Prints one JSON line per run: events sent, seconds, and how far the source fell behind its schedule.
 */
@Command(name = "source", mixinStandardHelpOptions = true,
         description = "Sends arroyosas runs on a PUSH socket or to a broker; any pipeline may take them.")
public final class Source implements Callable<Integer> {

    private static final long DRAIN_MILLIS = 500;

    @ArgGroup(multiplicity = "1")
    private Destination destination;

    static final class Destination {
        @Option(names = "--bind", required = true, description = "address to bind the PUSH socket to, e.g. tcp://127.0.0.1:5601")
        String zeroMq;

        @Option(names = "--broker", required = true,
                description = "broker destination to publish to: redis://HOST:PORT/CHANNEL, redis-stream://HOST:PORT/STREAM,"
                              + " kafka://HOST:PORT/TOPIC or rabbitmq://USER:PASSWORD@HOST:PORT/QUEUE")
        String broker;
    }

    @Option(names = "--downstream",
            description = "with --broker: where the next stage publishes; the source stays a few hundred messages ahead of what"
                          + " reached it (required for Kafka; RabbitMQ counts what waits in the source's own queue)")
    private String downstream;

    @Option(names = "--frame-kib", defaultValue = "1", description = "detector frame size in KiB (1 = 1,118-byte events)")
    private int frameKib;

    @Option(names = "--hwm", defaultValue = "1000", description = "ZeroMQ send high water mark, in messages")
    private int hwm;

    @Option(names = "--run", required = true, description = "label:seconds:rate (rate 0 = unlimited); repeatable, sent in order")
    private List<String> runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Source()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<RunSpec> specs = runs.stream().map(RunSpec::parse).toList();
        BenchFrames frames = BenchFrames.ofFrameKib(frameKib);
        try (Outbox out = open()) {
            for (RunSpec spec : specs) {
                if (spec.rate() > 0) {
                    // a paced run starts with empty queues, so that a backlog does not count as its latency
                    out.awaitDrained();
                    Thread.sleep(DRAIN_MILLIS);
                }
                JsonLines.print(send(out, frames, spec));
            }
        }
        return 0;
    }

    private Outbox open() throws Exception {
        if (destination.zeroMq != null) {
            return Outbox.bindPush(destination.zeroMq, hwm);
        }
        BrokerAddress to = BrokerAddress.parse(destination.broker);
        return to.broker().client().publisher(to, downstream == null ? null : BrokerAddress.parse(downstream));
    }

    private static Map<String, Object> send(Outbox out, BenchFrames frames, RunSpec spec) throws Exception {
        long intervalNanos = spec.rate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / spec.rate();
        long durationNanos = (long) (spec.seconds() * 1e9);
        out.send(BenchFrames.start(spec.label()));
        long begin = System.nanoTime();
        long sent = 0;
        long maxLagNanos = 0;
        for (long now = begin; now - begin < durationNanos; now = System.nanoTime()) {
            long due = begin + sent * intervalNanos;
            if (now < due) {
                LockSupport.parkNanos(due - now);
            } else {
                maxLagNanos = Math.max(maxLagNanos, now - due);
            }
            out.send(frames.event(BenchFrames.nowEpochNanos()));
            sent++;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        out.send(BenchFrames.stop(spec.label(), sent));
        out.flush();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("role", "source");
        report.put("run", spec.label());
        report.put("sent", sent);
        report.put("seconds", seconds);
        report.put("eventBytes", frames.eventBytes());
        report.put("maxLagMillis", spec.rate() == 0 ? null : maxLagNanos / 1e6);
        return report;
    }
}
