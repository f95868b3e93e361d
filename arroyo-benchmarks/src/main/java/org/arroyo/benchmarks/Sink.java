package org.arroyo.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The downstream side: connects a PULL socket and records every run it receives (start, events, stop): throughput,
 * source-to-sink latency from each event's send time, and events lost (the stop says how many were sent). It can
 * stall for a while in every measured run, as a slow consumer would. Prints one JSON line per run and ends after the
 * given number of runs, or fails when nothing arrives for the idle timeout.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
         description = "Receives arroyosas runs on a PULL socket and reports throughput, latency and loss.")
public final class Sink implements Callable<Integer> {

    @Option(names = "--connect", required = true, description = "address to connect the PULL socket to")
    private String address;

    @Option(names = "--frame-kib", defaultValue = "1", description = "frame size the source sends, in KiB")
    private int frameKib;

    @Option(names = "--hwm", defaultValue = "1000", description = "receive high water mark, in messages")
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
    public Integer call() throws InterruptedException {
        BenchFrames frames = BenchFrames.ofFrameKib(frameKib);
        try (ZMQ.Context context = ZMQ.context(1); ZMQ.Socket pull = context.socket(SocketType.PULL)) {
            pull.setRcvHWM(hwm);
            pull.setReceiveTimeOut(idleTimeout * 1000);
            pull.connect(address);
            JsonLines.print(Map.of("role", "sink", "ready", true));
            RunRecorder run = null;
            boolean stalled = false;
            for (int done = 0; done < runs; ) {
                byte[] frame = pull.recv();
                if (frame == null) {
                    System.err.println("sink: nothing received for " + idleTimeout + " s, " + done + " of " + runs
                                       + " runs done" + (run == null ? "" : ", run " + run.label() + " incomplete"));
                    if (run != null) {
                        JsonLines.print(run.report(-1));
                    }
                    return 1;
                }
                if (run != null && frames.isEvent(frame)) {
                    run.event(frame.length, frames.sentNanos(frame));
                    if (!stalled && stallFor > 0 && RunSpec.isMeasured(run.label())
                            && run.secondsSinceStart() >= stallAfter) {
                        stalled = true;
                        Thread.sleep((long) (stallFor * 1000));
                    }
                    continue;
                }
                ArroyoMessage message = BenchFrames.decode(frame);
                if (message instanceof Start start) {
                    run = new RunRecorder(String.valueOf(start.data().get(BenchFrames.RUN)), settleEvents);
                    stalled = false;
                } else if (message instanceof Stop stop && run != null) {
                    JsonLines.print(run.report(((Number) stop.data().get(BenchFrames.EVENTS)).longValue()));
                    run = null;
                    done++;
                } else {
                    throw new IllegalStateException("unexpected message outside a run: " + message);
                }
            }
        }
        return 0;
    }
}
