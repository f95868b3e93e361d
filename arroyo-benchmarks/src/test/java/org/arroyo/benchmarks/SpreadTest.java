package org.arroyo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        Spread spread = Spread.of(List.of(30.0, 10.0, 20.0));

        assertThat(spread).isEqualTo(new Spread(20.0, 10.0, 30.0, 3));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void ratioIsTheMedianOverTheBaselinesMedian() {
        Spread baseline = Spread.of(List.of(400_000.0, 350_000.0, 480_000.0));
        Spread pipeline = Spread.of(List.of(240_000.0, 250_000.0, 100_000.0));

        assertThat(pipeline.ratioTo(baseline)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aBaselineOfZeroGivesNoRatio() {
        assertThatThrownBy(() -> Spread.single(5).ratioTo(Spread.single(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline of 0.0");
    }

    @Test
    void noMeasurementsIsAnError() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inverseTurnsTimePerOperationIntoOperationsPerSecondWithTheRangeSwapped() {
        Spread micros = Spread.of(List.of(400.0, 500.0, 1000.0));

        assertThat(micros.inverse(1e6)).isEqualTo(new Spread(2000.0, 1000.0, 2500.0, 3));
    }

    @Test
    void formatShowsTheRangeOnlyForRepeatedMeasurements() {
        assertThat(Spread.of(List.of(1.0, 2.0, 3.0)).format("%.1f")).isEqualTo("2.0 (1.0-3.0)");
        assertThat(Spread.single(2).format("%.1f")).isEqualTo("2.0");
    }
}
