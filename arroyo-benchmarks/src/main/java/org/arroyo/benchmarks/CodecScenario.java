package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The codec microbenchmarks ({@link CodecBenchmark}) under JMH, each in its own JVM. The decode + encode of a 4 MiB
 * event is held to 1.5 times the time of a plain copy of it.
 */
final class CodecScenario implements Scenario {

    private static final double TARGET_TIMES_COPY = 1.5;
    private static final List<String> HELD = List.of("plainCopy", "decodeEncode");
    private static final List<String> ALL = List.of("plainCopy", "decodeEncode", "decode", "encode");

    @Override
    public String id() {
        return "codecs";
    }

    @Override
    public List<Row> run(Plan plan) throws Exception {
        List<String> measured = plan.quick() ? HELD : ALL;
        Options options = new OptionsBuilder()
                .include(CodecBenchmark.class.getName() + "\\.(" + String.join("|", measured) + ")$")
                .forks(plan.quick() ? 1 : 2).warmupIterations(plan.quick() ? 1 : 3).measurementIterations(plan.quick() ? 3 : 5)
                .warmupTime(TimeValue.milliseconds(plan.quick() ? 300 : 1000))
                .measurementTime(TimeValue.milliseconds(plan.quick() ? 300 : 1000))
                .jvmArgs("-Xmx1g").output(plan.logs().resolve("codecs-jmh.log").toString()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, RunResult> byName = results.stream().collect(Collectors.toMap(
                result -> result.getParams().getBenchmark().replaceAll(".*\\.", ""), Function.identity()));
        int bytes = BenchFrames.ofFrameKib(CodecBenchmark.FRAME_KIB).eventBytes();
        Spread copyMicros = micros(byName.get("plainCopy"));
        List<Row> rows = new ArrayList<>();
        for (String name : measured) {
            Spread timeMicros = micros(byName.get(name));
            Spread perSecond = timeMicros.inverse(1e6);
            boolean held = name.equals("decodeEncode");
            double timesCopy = timeMicros.median() / copyMicros.median();
            rows.add(new Row("codecs (JMH)", String.format("%d MiB", bytes >> 20), name, perSecond,
                    perSecond.scaled(bytes / 1e6), name.equals("plainCopy") ? null : perSecond.ratioTo(copyMicros.inverse(1e6)),
                    null, null, null, String.format("%s us/op, %.2fx the copy's time", timeMicros.format("%.0f"), timesCopy),
                    held ? "<= " + TARGET_TIMES_COPY + "x copy time" : "", held ? timesCopy <= TARGET_TIMES_COPY : null));
        }
        return rows;
    }

    /** Microseconds per operation: the median and range of the measured iterations, all forks together. */
    private static Spread micros(RunResult result) {
        if (result == null) {
            throw new IllegalStateException("JMH gave no result for a codec benchmark: see codecs-jmh.log");
        }
        List<Double> iterations = new ArrayList<>();
        result.getBenchmarkResults().forEach(benchmark -> benchmark.getIterationResults()
                .forEach(iteration -> iterations.add(iteration.getPrimaryResult().getScore())));
        return Spread.of(iterations);
    }
}
