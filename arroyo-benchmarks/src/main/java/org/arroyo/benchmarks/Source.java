package org.arroyo.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detector side: binds a PUSH socket and sends runs of arroyosas events (start, events, stop), each run for a
 * given time at a given rate or as fast as the next stage takes them (ZeroMQ's high water mark holds the source back).
 * Each event carries its send time. Prints one JSON line per run: events sent, seconds, and how far the source fell
 * behind its schedule.
 */
@Command(name = "source", mixinStandardHelpOptions = true,
         description = "Sends arroyosas runs on a PUSH socket; any pipeline may take them.")
public final class Source implements Callable<Integer> {

    private static final long DRAIN_MILLIS = 500;

    @Option(names = "--bind", required = true, description = "address to bind the PUSH socket to, e.g. tcp://127.0.0.1:5601")
    private String address;

    @Option(names = "--frame-kib", defaultValue = "1", description = "detector frame size in KiB (1 = 1,118-byte events)")
    private int frameKib;

    @Option(names = "--hwm", defaultValue = "1000", description = "send high water mark, in messages")
    private int hwm;

    @Option(names = "--run", required = true, description = "label:seconds:rate (rate 0 = unlimited); repeatable, sent in order")
    private List<String> runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Source()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        List<RunSpec> specs = runs.stream().map(RunSpec::parse).toList();
        BenchFrames frames = BenchFrames.ofFrameKib(frameKib);
        try (ZMQ.Context context = ZMQ.context(1); ZMQ.Socket push = context.socket(SocketType.PUSH)) {
            push.setSndHWM(hwm);
            push.setLinger(-1);
            push.bind(address);
            for (RunSpec spec : specs) {
                JsonLines.print(send(push, frames, spec));
                if (spec.rate() > 0) {
                    // the next run starts with empty queues, so that a backlog does not count as its latency
                    Thread.sleep(DRAIN_MILLIS);
                }
            }
        }
        return 0;
    }

    private static Map<String, Object> send(ZMQ.Socket push, BenchFrames frames, RunSpec spec) {
        long intervalNanos = spec.rate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / spec.rate();
        long durationNanos = (long) (spec.seconds() * 1e9);
        push.send(BenchFrames.start(spec.label()));
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
            push.send(frames.event(BenchFrames.nowEpochNanos()));
            sent++;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        push.send(BenchFrames.stop(spec.label(), sent));
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
