package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.arroyo.camel.codec.ArroyoArbitraries.ValueSet;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.test.infra.DecoderFuzzer;
import org.arroyo.test.infra.DecoderFuzzer.Outcome;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decoder of the core meets random bytes and mutations of real messages of its convention (the interop vectors
 * and random messages): the only exception that may come out is {@link ArroyoDecodeException}, within the fuzzer's
 * time bound, and whatever decodes re-encodes to an equal message. The fuzz profile gives each decoder a million
 * inputs in a JVM of 256 MB; {@code -Darroyo.fuzz.seed=...} replays a run.
 */
class DecoderFuzzTest {

    private static final int INPUTS = 10_000;
    private static final int MAX_CORPUS_FRAME = 4096;
    private static final int RANDOM_MESSAGES = 40;

    private final byte[] xpsStart = InteropVectors.read("xps_start_1.bin");
    private final byte[] xpsImage = InteropVectors.read("xps_event_1.2.bin");

    @Test
    void msgpackRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = msgpackFuzzer();
        MessageCodec msgpack = WireFormat.MSGPACK.codec();
        assertDecodedAndRefused(fuzzer.run("msgpack", INPUTS, ArroyoDecodeException.class,
                (input, random) -> reencodes(msgpack, msgpack.decode(List.of(buffer(input, random))))));
    }

    @Test
    void multipartRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = msgpackFuzzer();
        MessageCodec multipart = WireFormat.MULTIPART.codec();
        assertDecodedAndRefused(fuzzer.run("multipart", INPUTS, ArroyoDecodeException.class,
                (input, random) -> reencodes(multipart, multipart.decode(frames(fuzzer, input, random)))));
    }

    @Test
    void jsonRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = jsonFuzzer();
        MessageCodec json = WireFormat.JSON.codec();
        assertDecodedAndRefused(fuzzer.run("json", INPUTS, ArroyoDecodeException.class,
                (input, random) -> json.decode(frames(fuzzer, input, random))));
    }

    /** An XPS run's start, then the input; if that is an event header, the run's image or another input. */
    @Test
    void jsonImageAssemblerRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = jsonFuzzer();
        assertDecodedAndRefused(fuzzer.run("json+raw", INPUTS, ArroyoDecodeException.class, (input, random) -> {
            JsonImageAssembler assembler = new JsonImageAssembler();
            assembler.accept(ByteBuffer.wrap(xpsStart));
            assembler.accept(buffer(input, random));
            if (assembler.awaitingImage()) {
                assembler.accept(buffer(random.nextBoolean() ? xpsImage : fuzzer.input(random.nextLong()), random));
            }
        }));
    }

    @Test
    void lhhtttRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = lhhtttFuzzer();
        assertDecodedAndRefused(fuzzer.run("lhhttt", INPUTS, ArroyoDecodeException.class,
                (input, random) -> Lhhttt.decode(buffer(input, random))));
    }

    /** The stream decoder, with inputs cut into chunks of 1 to 8 bytes and a small limit half of the time. */
    @Test
    void lhhtttStreamRefusesOnlyWithADecodeException() throws Exception {
        DecoderFuzzer fuzzer = lhhtttFuzzer();
        assertDecodedAndRefused(fuzzer.run("lhhttt stream", INPUTS, ArroyoDecodeException.class, (input, random) -> {
            LhhtttDecoder decoder = new LhhtttDecoder(random.nextBoolean() ? 64 : Lhhttt.DEFAULT_MAX_TEXT_BYTES);
            for (int at = 0; at < input.length; ) {
                int chunk = Math.min(input.length - at, 1 + random.nextInt(8));
                decoder.feed(ByteBuffer.wrap(input, at, chunk));
                at += chunk;
            }
        }));
    }

    /** The sas and tpx vectors and random messages of both msgpack conventions. */
    private DecoderFuzzer msgpackFuzzer() {
        List<byte[]> frames = vectorFrames("msgpack", "multipart");
        sample(ArroyoArbitraries.msgpackMessages(ValueSet.MSGPACK)).forEach(message -> frames.add(WireFormat.MSGPACK.codec().encodeFrame(message)));
        sample(ArroyoArbitraries.multipartMessages()).forEach(message -> frames.addAll(WireFormat.MULTIPART.codec().encode(message)));
        return new DecoderFuzzer(DecoderFuzzer.upTo(MAX_CORPUS_FRAME, frames)).inflatingLengths(MsgpackLengthFields::inflate);
    }

    private DecoderFuzzer jsonFuzzer() {
        List<byte[]> frames = vectorFrames("json", "json+raw");
        sample(ArroyoArbitraries.jsonMessages()).forEach(message -> frames.addAll(WireFormat.JSON.codec().encode(message)));
        return new DecoderFuzzer(DecoderFuzzer.upTo(MAX_CORPUS_FRAME, frames));
    }

    private DecoderFuzzer lhhtttFuzzer() {
        List<byte[]> frames = vectorFrames("lhhttt");
        sample(ArroyoArbitraries.unicodeText(40)).forEach(text -> frames.add(Lhhttt.encode(text)));
        return new DecoderFuzzer(frames).inflatingLengths(DecoderFuzzer::inflateLhhtttLength);
    }

    private static List<byte[]> vectorFrames(String... codecs) {
        List<byte[]> frames = new ArrayList<>();
        Stream.of(codecs).flatMap(codec -> InteropVectors.cases(codec).stream())
                .forEach(vector -> vector.frames().forEach(path -> frames.add(InteropVectors.read(path))));
        return frames;
    }

    /** Values drawn from the run's seed, so that the corpus too is the same when a run is replayed. */
    private static <T> List<T> sample(Arbitrary<T> arbitrary) {
        List<T> values = new ArrayList<>();
        JqwikSession.run(Long.toString(DecoderFuzzer.SEED), () -> arbitrary.sampleStream().limit(RANDOM_MESSAGES).forEach(values::add));
        return values;
    }

    /** The input alone, or with another input as its second frame. */
    private static List<ByteBuffer> frames(DecoderFuzzer fuzzer, byte[] input, Random random) {
        return random.nextBoolean() ? List.of(buffer(input, random))
                : List.of(buffer(input, random), buffer(fuzzer.input(random.nextLong()), random));
    }

    private static ByteBuffer buffer(byte[] bytes, Random random) {
        return BufferKind.values()[random.nextInt(BufferKind.values().length)].of(bytes);
    }

    private static void reencodes(MessageCodec codec, ArroyoMessage decoded) {
        ArroyoMessage again = codec.decode(codec.encode(decoded).stream().map(ByteBuffer::wrap).toList());
        if (!again.equals(decoded)) {
            throw new AssertionError("decoded " + decoded + " but its encoding decodes to " + again);
        }
    }

    /** A run where nothing decodes, or nothing is refused, reached only one side of the decoder. */
    private static void assertDecodedAndRefused(Outcome outcome) {
        assertThat(outcome.decoded()).as("%s inputs decoded", outcome.decoder()).isPositive();
        assertThat(outcome.refused()).as("%s inputs refused", outcome.decoder()).isPositive();
    }
}
