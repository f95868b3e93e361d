package org.arroyo.camel.streampy.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.arroyo.camel.codec.PythonFloats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers and bins written as stream-py's Python writes them, checked against /usr/bin/python3 itself. */
class StreamPyFormatTest {

    private static String python(String program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", program).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.strip();
    }

    @Test
    void floatsReadAsPythonsRepr() throws Exception {
        Random random = new Random(7);
        List<Double> values = new java.util.ArrayList<>(List.of(0.001, 1e-05, 1.0, 10.0, 1458195070.3131151,
                0.13107776641845703, 2.5e-07, 1e16, 123456789012345.6, 0.0001, 1e-9, 1e22));
        for (int i = 0; i < 200; i++) {
            values.add(Math.pow(10, random.nextInt(30) - 15) * random.nextDouble());
        }
        String literals = values.stream().map(value -> "float.fromhex('" + Double.toHexString(value) + "')")
                .collect(Collectors.joining(","));

        String expected = python("print('\\n'.join(repr(x) for x in [" + literals + "]))");

        assertThat(values.stream().map(PythonFloats::repr).collect(Collectors.joining("\n"))).isEqualTo(expected);
    }

    @Test
    void latencyBinsAreLabelledAsStreamPyLabelsThem() throws Exception {
        Random random = new Random(11);
        List<Double> durations = new java.util.ArrayList<>(List.of(0.0003, 0.0123, 2.5, 0.999, 1.5, 42.0, 3e-8));
        for (int i = 0; i < 100; i++) {
            durations.add(Math.pow(10, random.nextInt(10) - 8) * (0.11 + random.nextDouble() * 0.88));
        }
        String literals = durations.stream().map(value -> "float.fromhex('" + Double.toHexString(value) + "')")
                .collect(Collectors.joining(","));

        String expected = python("import math\nprint('\\n'.join('{:.09f} s'.format(10**math.ceil(math.log(dt, 10)))"
                + " for dt in [" + literals + "]))");

        assertThat(durations.stream().map(StatsWindow::bin).collect(Collectors.joining("\n"))).isEqualTo(expected);
        assertThat(StatsWindow.bin(0)).as("too short to measure").isEqualTo("0.000000001 s");
    }

    @Test
    void theHubFormKeysBinsBySecondsAndSkipsReportsWithoutLatencies() {
        MetricsReport report = new MetricsReport(1458195068.309974, 1458195070.3131151, "Pong", "NODE_2",
                Map.of("0.000100000 s", 0.125), Map.of("0.000100000 s", 2449L),
                Map.of(1458195069L, 1507L), Map.of(1458195069L, 1507L));

        assertThat(report.hubJson()).hasValue("{\"pipeline_key\":\"NODE_2\",\"t1\":1458195070.3131151,\"t0\":1458195068.309974,"
                + "\"topics\":{\"latency_bins\":{\"0.0001\":2449},\"throughput_out\":{\"1458195069\":1507}}}");
        assertThat(report.toJson()).isEqualTo("{\"t0\":1458195068.309974,\"t1\":1458195070.3131151,\"func\":\"Pong\","
                + "\"VUID\":\"NODE_2\",\"latency_time\":{\"0.000100000 s\":0.125},\"latency_count\":{\"0.000100000 s\":2449},"
                + "\"throughput_in\":{\"1458195069\":1507},\"throughput_out\":{\"1458195069\":1507}}");
        assertThat(MetricsReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(new MetricsReport(1, 2, "Pong", "NODE_2", Map.of(), Map.of(), Map.of(), Map.of()).hubJson()).isEmpty();
    }
}
