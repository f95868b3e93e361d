package org.arroyo.camel.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of recurring texts gives what a fresh decode or encode gives, whatever other threads put in it. */
class RecurringTextsTest {

    /**
     * Many more distinct texts than the table has slots, ASCII and not, so entries are replaced all the time; some of
     * 17 to 32 bytes that differ only in the middle, which the table's quick comparison of the ends cannot tell apart.
     */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            texts.add(switch (i % 4) {
                case 0 -> "field_" + i;
                case 1 -> "détecteur-" + i;
                case 2 -> "\uD83D\uDE00" + i;
                default -> "detector" + i + "_suffix_";
            });
        }
        return texts;
    }

    @Test
    void textsDecodeAndEncodeAsWithoutTheTableFromManyThreadsAtOnce() throws Exception {
        List<String> texts = texts();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> checks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                checks.add(threads.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            String text = texts.get((i + offset) % texts.size());
                            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                            byte[] framed = new byte[utf8.length + 4];
                            System.arraycopy(utf8, 0, framed, 2, utf8.length);
                            assertThat(RecurringTexts.decode(framed, 2, utf8.length, 0, "string")).isEqualTo(text);
                            assertThat(RecurringTexts.utf8(text)).isEqualTo(utf8);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> check : checks) {
                assertThat(check.get()).isEqualTo(20 * texts.size());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void invalidTextsFailEveryTimeEvenBesideCachedOnes() {
        byte[] valid = "ab".getBytes(StandardCharsets.UTF_8);
        RecurringTexts.decode(valid, 0, valid.length, 0, "string");
        byte[] invalid = { 'a', (byte) 0xff };
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> RecurringTexts.decode(invalid, 0, invalid.length, 7, "string"))
                    .hasMessage("string is not valid UTF-8 (at byte offset 7)");
            assertThatThrownBy(() -> RecurringTexts.utf8("a\uD800"))
                    .hasMessageContaining("unpaired surrogate");
        }
    }
}
