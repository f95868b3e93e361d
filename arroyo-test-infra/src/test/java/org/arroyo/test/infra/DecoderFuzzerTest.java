package org.arroyo.test.infra;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fuzzer itself: the same inputs for the same seed, and a failure or a hang reported with the seed and the input. */
class DecoderFuzzerTest {

    private final DecoderFuzzer fuzzer = new DecoderFuzzer(List.of("1bHello World".getBytes(StandardCharsets.US_ASCII)))
            .inflatingLengths(DecoderFuzzer::inflateLhhtttLength);

    @Test
    void inputsDependOnTheSeedAndTheirNumberAlone() {
        DecoderFuzzer again = new DecoderFuzzer(List.of("1bHello World".getBytes(StandardCharsets.US_ASCII)))
                .inflatingLengths(DecoderFuzzer::inflateLhhtttLength);

        for (long n = 0; n < 1000; n++) {
            assertThat(again.input(n)).isEqualTo(fuzzer.input(n));
        }
        assertThat(fuzzer.input(1)).isNotEqualTo(fuzzer.input(2));
    }

    @Test
    void anUndocumentedExceptionFailsTheRunWithTheSeedAndTheInputInHex() {
        assertThatThrownBy(() -> fuzzer.run("picky", 1000, IllegalArgumentException.class, (input, random) -> {
            if (input.length > 0 && input[0] == '1') {
                throw new IllegalStateException("not documented");
            }
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("picky threw java.lang.IllegalStateException: not documented for input #")
                .hasMessageContaining(" of seed " + DecoderFuzzer.SEED + " (-Darroyo.fuzz.seed=" + DecoderFuzzer.SEED + " replays)")
                .hasMessageMatching("(?s).* bytes: 31[0-9a-f]*");
    }

    @Test
    void anInputThatTakesLongerThanTheBoundFailsTheRun() {
        assertThatThrownBy(() -> fuzzer.run("slow", 10, IllegalArgumentException.class, (input, random) -> Thread.sleep(60_000)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("slow took longer than " + DecoderFuzzer.TIME_BOUND + " for input #0 of seed " + DecoderFuzzer.SEED);
    }

    @Test
    void aRunCountsWhatWasDecodedAndRefused() throws Exception {
        DecoderFuzzer.Outcome outcome = fuzzer.run("half", 1000, IllegalArgumentException.class, (input, random) -> {
            if (random.nextBoolean()) {
                throw new IllegalArgumentException("refused");
            }
        });

        assertThat(outcome.decoded() + outcome.refused()).isEqualTo(1000);
        assertThat(outcome.decoded()).isBetween(400L, 600L);
    }
}
