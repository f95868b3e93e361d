package org.arroyo.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A long run of a ZeroMQ -> operator -> Kafka pipeline ({@link SoakPipeline}, in a process of its own) at a steady
 * rate. Every minute it prints the pipeline process's heap after a full GC, its thread count and its open file
 * descriptors, with the messages sent and those that reached Kafka; a leak shows as a column that keeps growing.
 * Not part of the build's tests: {@code arroyo-benchmarks/soak [--rate 10000] [--minutes 10]}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
         description = "ZeroMQ -> operator -> Kafka at a steady rate; heap after GC, threads and file descriptors every minute.")
public final class Soak implements Callable<Integer> {

    private static final String TOPIC = "soak";
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    @Option(names = "--rate", defaultValue = "10000", description = "messages per second (default ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--minutes", defaultValue = "10", description = "how long (default ${DEFAULT-VALUE})")
    private int minutes;

    @Option(names = "--frame-kib", defaultValue = "1", description = "frame size of each event (default ${DEFAULT-VALUE})")
    private int frameKib;

    @Option(names = "--threads", defaultValue = "16", description = "the pipeline's decoupled publishing threads (default ${DEFAULT-VALUE})")
    private int threads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String zeromq = "tcp://127.0.0.1:" + freePort();
        Path log = Files.createTempFile("arroyo-soak-pipeline", ".log");
        BenchFrames frames = BenchFrames.ofFrameKib(frameKib);
        AtomicLong received = new AtomicLong();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Outbox sender = Outbox.bindPush(zeromq, 10_000)) {
            String bootstrap = kafka.server().hostPort();
            Broker.KAFKA.client().create(List.of(kafka.server().named(TOPIC)));
            AtomicBoolean counting = new AtomicBoolean(true);
            Thread counter = new Thread(() -> count(bootstrap, received, counting), "soak-counter");
            counter.setDaemon(true);
            counter.start();
            try (ChildProcess pipeline = ChildProcess.start("soak-pipeline", List.of("-Xmx512m", "-XX:+UseG1GC"), SoakPipeline.class,
                    List.of(zeromq, bootstrap, TOPIC, String.valueOf(threads)), log)) {
                pipeline.nextReport(120);
                System.out.printf("soak: %d msg/s of %d B for %d min; pipeline pid %d, log %s%n", rate, frames.eventBytes(), minutes,
                        pipeline.pid(), log);
                System.out.println("minute        sent   in Kafka  heap after GC (MiB)  threads  open fds");
                AtomicLong sent = new AtomicLong();
                ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
                reporter.scheduleAtFixedRate(new Runnable() {
                    private int minute;

                    @Override
                    public void run() {
                        long pid = pipeline.pid();
                        try {
                            System.out.printf("%6d %11d %10d %20.1f %8d %9d%n", ++minute, sent.get(), received.get(),
                                    heapAfterGcKib(pid) / 1024.0, threads(pid), openFiles(pid));
                        } catch (IOException | InterruptedException | RuntimeException e) {
                            System.out.println("cannot measure the pipeline process " + pid + ": " + e);
                        }
                    }
                }, 1, 1, TimeUnit.MINUTES);
                sendSteadily(sender, frames, sent);
                reporter.shutdown();
                reporter.awaitTermination(1, TimeUnit.MINUTES);
                long total = sent.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (received.get() < total && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                System.out.printf("soak: %d sent, %d in Kafka (%d missing)%n", total, received.get(), total - received.get());
                pipeline.closeInput();
            }
            counting.set(false);
            counter.join();
        }
        return 0;
    }

    /** Sends a start, then events at the rate for the minutes (slower if the pipeline holds the sender back at its high water mark). */
    private void sendSteadily(Outbox sender, BenchFrames frames, AtomicLong sent) throws Exception {
        sender.send(BenchFrames.start("soak"));
        sent.incrementAndGet();
        long began = System.nanoTime();
        long end = began + TimeUnit.MINUTES.toNanos(minutes) + TimeUnit.SECONDS.toNanos(1);
        for (long now = began; now < end; now = System.nanoTime()) {
            long due = 1 + (now - began) * rate / 1_000_000_000L;
            while (sent.get() < due) {
                sender.send(frames.event(BenchFrames.nowEpochNanos()));
                sent.incrementAndGet();
            }
            Thread.sleep(1);
        }
    }

    private static void count(String bootstrap, AtomicLong received, AtomicBoolean counting) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(consumer.assignment());
            while (counting.get()) {
                received.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
            }
        }
    }

    /** The heap in use right after a full GC that jcmd asks for. */
    private static long heapAfterGcKib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of " + pid + " shows no heap total");
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }

    private static long threads(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.count();
        }
    }

    private static long openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
