package org.arroyo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RunSpecTest {

    @Test
    void parsesLabelSecondsAndRateAndWritesThemBack() {
        RunSpec spec = RunSpec.parse("10k-1:2.5:10000");

        assertThat(spec).isEqualTo(new RunSpec("10k-1", 2.5, 10_000));
        assertThat(RunSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(spec.measured()).isTrue();
    }

    @Test
    void warmUpRunsAreNotMeasured() {
        assertThat(RunSpec.parse("warmup:1:0").measured()).isFalse();
    }

    @Test
    void aMalformedRunNamesTheExpectedForm() {
        assertThatThrownBy(() -> RunSpec.parse("fast")).hasMessageContaining("label:seconds:rate");
        assertThatThrownBy(() -> RunSpec.parse("a:x:0")).hasMessageContaining("must be numbers");
        assertThatThrownBy(() -> RunSpec.parse("a:0:0")).hasMessageContaining("seconds must be positive");
        assertThatThrownBy(() -> RunSpec.parse("a:1:-5")).hasMessageContaining("rate must be 0");
    }

    @Test
    void aBrokerSessionWarmsUpThenMeasuresAsFastAsItGoesThenAsManyRunsPaced() {
        Plan plan = Plan.full(Path.of("logs"));

        assertThat(BrokerScenario.runs(plan)).extracting(RunSpec::toString).containsExactly(
                "warmup-1:5.0:0", "warmup-2:5.0:0", "warmup-3:5.0:0", "warmup-4:5.0:0",
                "run-1:3.0:0", "run-2:3.0:0", "paced-1:3.0:1000", "paced-2:3.0:1000");
    }

    @Test
    void aLongerWarmUpIsStillFourRunsBeforeTheMeasuredOnes() {
        Plan plan = Plan.full(Path.of("logs")).withWarmup(60);

        assertThat(BrokerScenario.runs(plan)).extracting(RunSpec::toString).startsWith(
                "warmup-1:15.0:0", "warmup-2:15.0:0", "warmup-3:15.0:0", "warmup-4:15.0:0", "run-1:3.0:0");
        assertThatThrownBy(() -> plan.withWarmup(0)).hasMessageContaining("longer than 0 s");
    }
}
