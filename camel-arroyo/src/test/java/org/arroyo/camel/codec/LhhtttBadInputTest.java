package org.arroyo.camel.codec;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.arroyo.camel.codec.MsgpackBadInputTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Streams that are not LHHTTT frames are refused, naming the problem and its offset in the stream. */
class LhhtttBadInputTest {

    private static final String HELLO = "1bHello World";

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void nonHexDigitsAreRefusedAtTheirOffset() {
        assertThat(refused(() -> Lhhttt.decode(ascii("g5hello"))))
                .hasMessage("length-of-length digit is 0x67, not a hex digit (at byte offset 0)");
        assertThat(refused(() -> Lhhttt.decode(ascii("2z1hello"))))
                .hasMessage("length digit is 0x7a, not a hex digit (at byte offset 1)");
        assertThat(refused(() -> Lhhttt.decode(ascii("\u00ff5hello"))))
                .hasMessage("length-of-length digit is 0xff, not a hex digit (at byte offset 0)");
    }

    @Test
    void aZeroLengthOfLengthIsRefused() {
        assertThat(refused(() -> Lhhttt.decode(ascii("0")))).hasMessage("length-of-length digit is 0 (at byte offset 0)");
    }

    @Test
    void offsetsCountFromTheStartOfTheStreamAcrossChunks() {
        LhhtttDecoder decoder = new LhhtttDecoder(Lhhttt.DEFAULT_MAX_TEXT_BYTES);

        assertThat(decoder.feed(ascii(HELLO + "1b"))).containsExactly("Hello World");
        assertThat(decoder.feed(ascii("Hello World"))).containsExactly("Hello World");
        assertThat(refused(() -> decoder.feed(ascii("q"))))
                .hasMessage("length-of-length digit is 0x71, not a hex digit (at byte offset 26)");
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeItsBytesArrive() {
        LhhtttDecoder decoder = new LhhtttDecoder(1000);

        assertThat(decoder.feed(ascii(HELLO))).containsExactly("Hello World");
        assertThat(refused(() -> decoder.feed(ascii("33e9"))))
                .hasMessage("frame declares more than the 1000 bytes allowed (at byte offset 13)");
    }

    @Test
    void aHugeDeclaredLengthAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ArroyoDecodeException e = refused(() -> Lhhttt.decode(ascii("fffffffffffffffffab")));

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1 << 20);
        assertThat(e).hasMessage("frame declares more than the " + Lhhttt.DEFAULT_MAX_TEXT_BYTES
                + " bytes allowed (at byte offset 0)");
    }

    @Test
    void invalidUtf8IsRefusedAtTheTextsOffset() {
        byte[] stream = HexFormat.of().parseHex(HexFormat.of().formatHex(HELLO.getBytes(StandardCharsets.US_ASCII))
                + "313361e282");

        assertThat(refused(() -> new LhhtttDecoder(100).feed(ByteBuffer.wrap(stream))))
                .hasMessage("text is not valid UTF-8 (at byte offset 15)");
    }

    @Test
    void oneFrameIsExpectedWhenDecodingOne() {
        assertThat(refused(() -> Lhhttt.decode(ascii("1bHello")))).hasMessage("incomplete LHHTTT frame (7 bytes)");
        assertThat(refused(() -> Lhhttt.decode(ascii("")))).hasMessage("incomplete LHHTTT frame (0 bytes)");
        assertThat(refused(() -> Lhhttt.decode(ascii(HELLO + HELLO))))
                .hasMessage("expected one LHHTTT frame, found 2 and 0 more bytes");
        assertThat(refused(() -> Lhhttt.decode(ascii(HELLO + "1bH"))))
                .hasMessage("expected one LHHTTT frame, found 1 and 3 more bytes");
        assertThat(List.of(Lhhttt.decode(ascii("10")), Lhhttt.decode(ascii("2" + "0b" + "Hello World"))))
                .containsExactly("", "Hello World");
    }
}
