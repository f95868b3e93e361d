package org.arroyo.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the benchmark scenarios and writes their results: a table on standard output, and results.csv, results.json,
 * results.txt and throughput.png in the output directory (by default benchmark-results beside the jar, in target/).
 */
@Command(name = "arroyo-benchmarks", mixinStandardHelpOptions = true,
         description = "Throughput, latency and overload of an Arroyo pipeline against raw JeroMQ and raw broker clients,"
                       + " and codec microbenchmarks.")
public final class BenchmarkMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "measure each figure once, briefly (well under a minute; stall of 3 s)")
    private boolean quick;

    @Option(names = "--scenarios", split = ",", defaultValue = "A,B,C,codecs",
            description = "scenarios to run, comma separated: A, B, C, D (brokers: needs Redis and RabbitMQ), E (an operator"
                          + " against numpy: needs /usr/bin/python3 with numpy), codecs (default: A,B,C,codecs)")
    private List<String> scenarios;

    @Option(names = "--redis", defaultValue = "127.0.0.1:6379",
            description = "Redis of scenario D, HOST:PORT (default: ${DEFAULT-VALUE})")
    private String redis;

    @Option(names = "--rabbitmq", defaultValue = "guest:guest@127.0.0.1:5672",
            description = "RabbitMQ of scenario D, USER:PASSWORD@HOST:PORT (default: ${DEFAULT-VALUE})")
    private String rabbitMq;

    @Option(names = "--brokers", split = ",", defaultValue = "redis,redis-stream,kafka,rabbitmq",
            description = "brokers of scenario D, comma separated: redis (pub/sub), redis-stream, kafka, rabbitmq (default: all)")
    private List<String> brokers;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "warm-up of each session, in seconds (default: 20, 3 with --quick): longer when the rates still"
                          + " climb in the measured runs")
    private Double warmupSeconds;

    @Option(names = "--out", description = "output directory (default: benchmark-results beside the jar)")
    private Path out;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : defaultOutput();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Plan plan = quick ? Plan.quick(logs) : Plan.full(logs);
        if (warmupSeconds != null) {
            plan = plan.withWarmup(warmupSeconds);
        }
        List<Scenario> selected = selected();
        List<String> missing = selected.stream().flatMap(scenario -> scenario.missingPrerequisites().stream()
                .map(what -> "scenario " + scenario.id() + ": " + what)).toList();
        if (!missing.isEmpty()) {
            missing.forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        List<Row> rows = new ArrayList<>();
        for (Scenario scenario : selected) {
            System.err.println("scenario " + scenario.id() + (quick ? " (quick)" : ""));
            rows.addAll(scenario.run(plan));
        }
        Map<String, Object> machine = machine();
        String table = ResultTable.text(rows);
        System.out.println(machine);
        System.out.print(table);
        Files.writeString(dir.resolve("results.txt"), machine + "\n" + table, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.csv"), ResultTable.csv(rows), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("mode", quick ? "quick" : "full");
        json.put("warmupSeconds", plan.warmupSeconds());
        json.put("results", rows);
        JsonLines.MAPPER.writeValue(dir.resolve("results.json").toFile(), json);
        ThroughputChart.write(rows, "Arroyo pipeline vs raw clients, " + machine.get("date") + (quick ? " (quick)" : ""),
                dir.resolve("throughput.png"));
        System.out.println("written to " + dir.toAbsolutePath());
        return 0;
    }

    private List<Scenario> selected() {
        List<Scenario> all = List.of(new ThroughputScenario(), new LatencyScenario(), new OverloadScenario(),
                new BrokerScenario(BrokerAddress.server(Broker.REDIS, redis), BrokerAddress.server(Broker.RABBITMQ, rabbitMq),
                        brokers()),
                new AzimuthalScenario(), new CodecScenario());
        return scenarios.stream().map(id -> all.stream().filter(candidate -> candidate.id().equalsIgnoreCase(id.trim()))
                .findFirst().orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                        "unknown scenario '" + id + "': use A, B, C, D, E or codecs"))).toList();
    }

    private Set<Broker> brokers() {
        return brokers.stream().map(scheme -> Arrays.stream(Broker.values()).filter(broker -> broker.scheme().equals(scheme.trim()))
                .findFirst().orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                        "unknown broker '" + scheme + "': use redis, redis-stream, kafka or rabbitmq")))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Broker.class)));
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.replaceAll(".*:\\s*", "")).orElse("unknown"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return machine;
    }

    private static Path defaultOutput() throws URISyntaxException {
        Path jar = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().resolve("benchmark-results");
    }
}
