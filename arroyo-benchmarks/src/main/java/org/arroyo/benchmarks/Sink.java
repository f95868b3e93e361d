package org.arroyo.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The downstream side: connects a PULL socket (or consumes a broker destination) and records every run it receives
 * (start, events, stop): throughput, source-to-sink latency from each event's send time, and events lost (the stop
 * says how many were sent). It can stall for a while in every measured run, as a slow consumer would. Prints one JSON
 * line per run and ends after the given number of runs, or fails when nothing arrives for the idle timeout.
 * <p>
 * Redis pub/sub may lose any message, a run's start or stop too. A run whose start was lost begins at its first event;
 * a run whose stop was lost ends at the next start or after the idle timeout, and is reported with {@code expected}
 * null: the runner takes the count from the source's report.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
         description = "Receives arroyosas runs on a PULL socket or from a broker and reports throughput, latency and loss.")
public final class Sink implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    private Origin origin;

    static final class Origin {
        @Option(names = "--connect", required = true, description = "ZeroMQ address to connect the PULL socket to")
        String zeroMq;

        @Option(names = "--broker", required = true,
                description = "broker destination to consume: redis://HOST:PORT/CHANNEL, redis-stream://HOST:PORT/STREAM,"
                              + " kafka://HOST:PORT/TOPIC or rabbitmq://USER:PASSWORD@HOST:PORT/QUEUE")
        String broker;
    }

    @Option(names = "--frame-kib", defaultValue = "1", description = "frame size the source sends, in KiB")
    private int frameKib;

    @Option(names = "--hwm", defaultValue = "1000", description = "ZeroMQ receive high water mark, in messages")
    private int hwm;

    @Option(names = "--runs", required = true, description = "number of runs to receive, warm-up runs included")
    private int runs;

    @Option(names = "--settle-events", defaultValue = "0",
            description = "events of each run received before its rate is measured (what the queues hold)")
    private long settleEvents;

    @Option(names = "--stall-after", defaultValue = "0", description = "seconds into each measured run to stall")
    private double stallAfter;

    @Option(names = "--stall-for", defaultValue = "0", description = "seconds to stall (0 = never)")
    private double stallFor;

    @Option(names = "--idle-timeout", defaultValue = "60", description = "seconds without a message before failing")
    private int idleTimeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Sink()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchFrames frames = BenchFrames.ofFrameKib(frameKib);
        try (Inbox in = open()) {
            JsonLines.print(Map.of("role", "sink", "ready", true));
            RunRecorder run = null;
            boolean stalled = false;
            for (int done = 0; done < runs; ) {
                byte[] frame = in.next();
                if (frame == null) {
                    if (run == null) {
                        System.err.println("sink: nothing received for " + idleTimeout + " s, " + done + " of " + runs
                                           + " runs done");
                        return 1;
                    }
                    System.err.println("sink: nothing received for " + idleTimeout + " s in run " + run.label()
                                       + ": its stop is lost");
                    JsonLines.print(run.report(run.label(), null));
                    run = null;
                    done++;
                    continue;
                }
                if (frames.isEvent(frame)) {
                    if (run == null) {
                        run = new RunRecorder(null, settleEvents);
                        stalled = false;
                    }
                    run.event(frame.length, frames.sentNanos(frame));
                    if (!stalled && stallFor > 0 && run.label() != null && RunSpec.isMeasured(run.label())
                            && run.secondsSinceStart() >= stallAfter) {
                        stalled = true;
                        Thread.sleep((long) (stallFor * 1000));
                    }
                    continue;
                }
                ArroyoMessage message = BenchFrames.decode(frame);
                if (message instanceof Start start) {
                    if (run != null) {
                        JsonLines.print(run.report(run.label(), null));
                        done++;
                    }
                    run = new RunRecorder(String.valueOf(start.data().get(BenchFrames.RUN)), settleEvents);
                    stalled = false;
                } else if (message instanceof Stop stop) {
                    RunRecorder stopped = run != null ? run : new RunRecorder(null, settleEvents);
                    JsonLines.print(stopped.report(String.valueOf(stop.data().get(BenchFrames.RUN)),
                            ((Number) stop.data().get(BenchFrames.EVENTS)).longValue()));
                    run = null;
                    done++;
                } else {
                    throw new IllegalStateException("not a start, event or stop: " + message);
                }
            }
        }
        return 0;
    }

    private Inbox open() throws Exception {
        Duration idle = Duration.ofSeconds(idleTimeout);
        if (origin.zeroMq != null) {
            return Inbox.connectPull(origin.zeroMq, hwm, idle);
        }
        BrokerAddress from = BrokerAddress.parse(origin.broker);
        return from.broker().client().subscriber(from, idle);
    }
}
