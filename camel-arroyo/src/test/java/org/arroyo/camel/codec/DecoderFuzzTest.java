package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.arroyo.camel.codec.ArroyoArbitraries.ValueSet;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.InteropVectors.Case;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes and mutations of real messages, fed to every decoder: the only exception that may
 * come out is {@link ArroyoDecodeException}, and whatever decodes re-encodes to an equal message.
 * The seed is printed; {@code -Darroyo.fuzz.seed=...} replays a run.
 */
class DecoderFuzzTest {

    private static final int ROUNDS = 20_000;
    private static final int MAX_CORPUS_FRAME = 4096;
    private static final byte[] INTERESTING = HexFormat.of().parseHex("00017f80ffc0c1c2c3c4c5c6cacbcccdcecfd0d3d4d8d9dadbdcdddedf"
            + "90919f818fa0a1bfe07b7d5b5d223a2c303139616646200a");
    private static final int[] BOUNDARY_INTS = { 0x7fffffff, 0xffffffff, 0x80000000, 0xffff, 0x10000, 0x100, 0 };

    private final Map<String, int[]> outcomes = new TreeMap<>();
    private final byte[] xpsStart = InteropVectors.read("xps_start_1.bin");
    private final byte[] xpsImage = InteropVectors.read("xps_event_1.2.bin");
    private long seed;
    private Random random;
    private List<byte[]> corpus;

    @Test
    void onlyArroyoDecodeExceptionComesOutOfAnyDecoder() {
        seed = Long.getLong("arroyo.fuzz.seed", System.nanoTime());
        random = new Random(seed);
        corpus = corpus();
        System.out.println("decoder fuzz: seed " + seed + ", " + corpus.size() + " corpus frames, " + ROUNDS + " rounds");

        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = round % 4 == 0 ? randomBytes() : mutate(pick());
            feedToEveryDecoder(input, mutate(pick()));
        }

        outcomes.forEach((decoder, counts) -> System.out.printf("  %-22s decoded %6d, refused %6d%n", decoder, counts[0], counts[1]));
        assertThat(outcomes).allSatisfy((decoder, counts) -> assertThat(counts).as(decoder)
                .satisfies(c -> assertThat(c[0]).as("%s inputs decoded", decoder).isPositive(),
                        c -> assertThat(c[1]).as("%s inputs refused", decoder).isPositive()));
    }

    /** Every interop frame, and frames of random messages in every convention. */
    private static List<byte[]> corpus() {
        List<byte[]> frames = new ArrayList<>();
        for (Case vector : InteropVectors.cases()) {
            vector.frames().forEach(path -> frames.add(InteropVectors.read(path)));
        }
        ArroyoArbitraries.msgpackMessages(ValueSet.MSGPACK).sampleStream().limit(40)
                .forEach(message -> frames.add(WireFormat.MSGPACK.codec().encodeFrame(message)));
        ArroyoArbitraries.multipartMessages().sampleStream().limit(40)
                .forEach(message -> frames.addAll(WireFormat.MULTIPART.codec().encode(message)));
        ArroyoArbitraries.jsonMessages().sampleStream().limit(40)
                .forEach(message -> frames.addAll(WireFormat.JSON.codec().encode(message)));
        ArroyoArbitraries.unicodeText(40).sampleStream().limit(20).forEach(text -> frames.add(Lhhttt.encode(text)));
        frames.removeIf(frame -> frame.length > MAX_CORPUS_FRAME);
        return frames;
    }

    private void feedToEveryDecoder(byte[] input, byte[] other) {
        MessageCodec msgpack = WireFormat.MSGPACK.codec();
        MessageCodec multipart = WireFormat.MULTIPART.codec();
        MessageCodec json = WireFormat.JSON.codec();
        List<ByteBuffer> frames = random.nextBoolean() ? List.of(buffer(input)) : List.of(buffer(input), buffer(other));
        expectOnlyDecodeException("msgpack", input, () -> reencodes(msgpack, msgpack.decode(buffer(input))));
        expectOnlyDecodeException("multipart " + frames.size() + "-frame", input,
                () -> reencodes(multipart, multipart.decode(frames)));
        expectOnlyDecodeException("json " + frames.size() + "-frame", input, () -> json.decode(frames));
        expectOnlyDecodeException("json+raw", input, () -> assemble(input, other));
        expectOnlyDecodeException("lhhttt", input, () -> Lhhttt.decode(buffer(input)));
        expectOnlyDecodeException("lhhttt stream", input, () -> stream(input));
    }

    private static void reencodes(MessageCodec codec, ArroyoMessage decoded) {
        ArroyoMessage again = codec.decode(codec.encode(decoded).stream().map(ByteBuffer::wrap).toList());
        if (!again.equals(decoded)) {
            throw new AssertionError("decoded " + decoded + " but its encoding decodes to " + again);
        }
    }

    /** An XPS run's start, then the input; if that is an event header, the run's image or the other frame. */
    private void assemble(byte[] input, byte[] other) {
        JsonImageAssembler assembler = new JsonImageAssembler();
        assembler.accept(ByteBuffer.wrap(xpsStart));
        assembler.accept(buffer(input));
        if (assembler.awaitingImage()) {
            assembler.accept(buffer(random.nextBoolean() ? xpsImage : other));
        }
    }

    private void stream(byte[] input) {
        LhhtttDecoder decoder = new LhhtttDecoder(random.nextBoolean() ? 64 : Lhhttt.DEFAULT_MAX_TEXT_BYTES);
        for (int at = 0; at < input.length; ) {
            int chunk = Math.min(input.length - at, 1 + random.nextInt(8));
            decoder.feed(ByteBuffer.wrap(input, at, chunk));
            at += chunk;
        }
    }

    private void expectOnlyDecodeException(String decoder, byte[] input, Runnable decoding) {
        int[] counts = outcomes.computeIfAbsent(decoder, name -> new int[2]);
        try {
            decoding.run();
            counts[0]++;
        } catch (ArroyoDecodeException e) {
            assertThat(e.getMessage()).as("message of a refusal").isNotBlank();
            counts[1]++;
        } catch (Throwable t) {
            throw new AssertionError(decoder + " threw " + t + " (seed " + seed + ") for input "
                    + HexFormat.of().formatHex(input), t);
        }
    }

    private ByteBuffer buffer(byte[] bytes) {
        return BufferKind.values()[random.nextInt(BufferKind.values().length)].of(bytes);
    }

    private byte[] pick() {
        return corpus.get(random.nextInt(corpus.size()));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(64)];
        boolean interesting = random.nextBoolean();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = interesting ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt();
        }
        return bytes;
    }

    /** One to three bit flips, byte inserts or deletes, truncations, splices or boundary integers. */
    private byte[] mutate(byte[] original) {
        byte[] bytes = original.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(bytes.length + 1);
            bytes = switch (random.nextInt(6)) {
                case 0 -> flipBit(bytes, at);
                case 1 -> insert(bytes, at, random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) random.nextInt());
                case 2 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, Math.min(at + 1, bytes.length), bytes.length));
                case 3 -> Arrays.copyOf(bytes, at);
                case 4 -> splice(bytes, at);
                default -> overwriteInt(bytes, at, BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)]);
            };
        }
        return bytes;
    }

    private byte[] flipBit(byte[] bytes, int at) {
        if (at < bytes.length) {
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, int at, byte value) {
        return concat(concat(Arrays.copyOf(bytes, at), new byte[] { value }), Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private byte[] splice(byte[] bytes, int at) {
        byte[] other = pick();
        return concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(other, random.nextInt(other.length + 1), other.length));
    }

    private static byte[] overwriteInt(byte[] bytes, int at, int value) {
        byte[] out = Arrays.copyOf(bytes, Math.max(bytes.length, at + 4));
        ByteBuffer.wrap(out, at, 4).putInt(value);
        return out;
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
