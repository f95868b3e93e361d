package org.arroyo.test.infra;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Feeds a decoder inputs made from real messages: random bytes, and one to three mutations of a
 * corpus frame (bit flips, byte inserts and deletes, truncations, splices with another frame,
 * boundary integers written over it, and a length field of the format declaring far more than
 * follows). The decoder may refuse an input only with its documented exception, must answer each
 * within {@link #TIME_BOUND}, and must not run out of memory.
 *
 * <p>Inputs are seeded and reproducible: input {@code n} of a run comes from the run's seed and
 * {@code n} alone. The seed is printed; a failure names the decoder, the seed, the input's number
 * and its bytes in hex. {@code -Darroyo.fuzz.seed=S} replays a run, {@code -Darroyo.fuzz.inputs=N}
 * sets how many inputs each decoder gets (the {@code fuzz} profile gives a million).
 *
 * <pre>{@code
 * DecoderFuzzer fuzzer = new DecoderFuzzer(frames).inflatingLengths(DecoderFuzzer::inflateLhhtttLength);
 * fuzzer.run("lhhttt", 20_000, ArroyoDecodeException.class, (input, random) -> Lhhttt.decode(ByteBuffer.wrap(input)));
 * }</pre>
 */
public final class DecoderFuzzer {

    /** This JVM's seed, for every fuzzer in it and for anything else a fuzz test draws at random (e.g. its corpus). */
    public static final long SEED = Long.getLong("arroyo.fuzz.seed", System.nanoTime());

    /** The longest one input may take: far beyond any decode of a few kilobytes, short of a hang. */
    public static final Duration TIME_BOUND = Duration.ofSeconds(5);

    /** Bytes that start or end values in msgpack, JSON and LHHTTT. */
    private static final byte[] INTERESTING = HexFormat.of().parseHex("00017f80ffc0c1c2c3c4c5c6cacbcccdcecfd0d3d4d8d9dadbdcdddedf"
            + "90919f818fa0a1bfe07b7d5b5d223a2c303139616646200a");
    private static final int[] BOUNDARY_INTS = { 0x7fffffff, 0xffffffff, 0x80000000, 0xffff, 0x10000, 0x100, 0 };
    private static final int LARGEST_RANDOM_INPUT = 64;

    /** Decodes one input; {@code random} is the input's own, for choices such as how to cut it into chunks. */
    @FunctionalInterface
    public interface Decoding {
        void decode(byte[] input, Random random) throws Exception;
    }

    /** Rewrites one length field of a well-formed frame to declare more than follows, or returns null if it has none. */
    @FunctionalInterface
    public interface LengthInflater {
        byte[] inflate(byte[] frame, Random random);
    }

    /** How a decoder met a run: inputs it decoded, inputs it refused, and the longest one took. */
    public record Outcome(String decoder, long decoded, long refused, Duration slowest) {
        @Override
        public String toString() {
            return String.format("%-24s decoded %8d, refused %8d, slowest %d ms", decoder, decoded, refused, slowest.toMillis());
        }
    }

    private final List<byte[]> corpus;
    private LengthInflater lengthInflater = (frame, random) -> null;

    /** A fuzzer mutating these frames; it prints its seed. */
    public DecoderFuzzer(List<byte[]> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("a fuzzer needs at least one frame to mutate");
        }
        this.corpus = List.copyOf(corpus);
        System.out.println("decoder fuzz: seed " + SEED + " (-Darroyo.fuzz.seed=" + SEED + " replays), "
                + corpus.size() + " corpus frames");
    }

    /** Adds the mutation that inflates a length field of the format. */
    public DecoderFuzzer inflatingLengths(LengthInflater inflater) {
        this.lengthInflater = inflater;
        return this;
    }

    /** {@code -Darroyo.fuzz.inputs}, else the given count. */
    public static int inputs(int ordinaryCount) {
        return Integer.getInteger("arroyo.fuzz.inputs", ordinaryCount);
    }

    /** Input {@code n} of this run. */
    public byte[] input(long n) {
        Random random = random(n, 0);
        return random.nextInt(4) == 0 ? randomBytes(random) : mutate(pick(random), random);
    }

    /** The random choices of input {@code n}'s decoding, apart from those that made the input. */
    private Random random(long n, int stream) {
        // java.util.Random starts alike from neighbouring seeds: SplittableRandom mixes the input's number first
        return new Random(new SplittableRandom(SEED + 2 * n + stream).nextLong());
    }

    /**
     * Feeds {@link #inputs(int)} inputs to the decoder in a thread of its own, watched: an input that takes longer than
     * {@link #TIME_BOUND}, or ends in anything but {@code documented} (an OutOfMemoryError included), fails the run
     * with the seed and the input.
     */
    public Outcome run(String decoder, int ordinaryCount, Class<? extends Exception> documented, Decoding decoding)
            throws InterruptedException {
        int count = inputs(ordinaryCount);
        Progress progress = new Progress();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                for (long n = 0; n < count; n++) {
                    byte[] input = input(n);
                    progress.begin(n, input);
                    decodeOrRefuse(decoder, n, input, documented, decoding, progress);
                    progress.end();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "fuzz-" + decoder);
        worker.setDaemon(true); // a hung decode cannot be stopped; it must not keep the JVM alive
        worker.start();
        while (worker.isAlive()) {
            worker.join(100);
            Current current = progress.current;
            if (worker.isAlive() && current != null && System.nanoTime() - current.startedNanos() > TIME_BOUND.toNanos()) {
                AssertionError hang = failed(decoder, current.number(), current.input(), "took longer than " + TIME_BOUND, null);
                hang.setStackTrace(worker.getStackTrace());
                throw hang;
            }
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
        Outcome outcome = new Outcome(decoder, progress.decoded, progress.refused, Duration.ofNanos(progress.slowestNanos));
        System.out.println("  " + outcome);
        return outcome;
    }

    private void decodeOrRefuse(String decoder, long n, byte[] input, Class<? extends Exception> documented, Decoding decoding,
            Progress progress) {
        try {
            decoding.decode(input, random(n, 1));
            progress.decoded++;
        } catch (Throwable t) {
            if (!documented.isInstance(t) || t.getMessage() == null || t.getMessage().isBlank()) {
                throw failed(decoder, n, input, "threw " + t, t);
            }
            progress.refused++;
        }
    }

    private AssertionError failed(String decoder, long n, byte[] input, String what, Throwable cause) {
        return new AssertionError(decoder + " " + what + " for input #" + n + " of seed " + SEED
                + " (-Darroyo.fuzz.seed=" + SEED + " replays), " + input.length + " bytes: "
                + HexFormat.of().formatHex(input), cause);
    }

    private record Current(long number, byte[] input, long startedNanos) {
    }

    /** Written by the worker only; the watchdog reads the input being decoded. */
    private static final class Progress {
        volatile Current current;
        long decoded;
        long refused;
        long slowestNanos;

        void begin(long n, byte[] input) {
            current = new Current(n, input, System.nanoTime());
        }

        void end() {
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - current.startedNanos());
            current = null;
        }
    }

    private byte[] pick(Random random) {
        return corpus.get(random.nextInt(corpus.size()));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(LARGEST_RANDOM_INPUT)];
        boolean interesting = random.nextBoolean();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = interesting ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt();
        }
        return bytes;
    }

    private byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(bytes.length + 1);
            bytes = switch (random.nextInt(7)) {
                case 0 -> flipBit(bytes, at, random);
                case 1 -> insert(bytes, at, random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) random.nextInt());
                case 2 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, Math.min(at + 1, bytes.length), bytes.length));
                case 3 -> Arrays.copyOf(bytes, at);
                case 4 -> splice(bytes, at, pick(random), random);
                case 5 -> overwriteInt(bytes, at, BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)]);
                default -> inflateLength(bytes, random);
            };
        }
        return bytes;
    }

    private byte[] inflateLength(byte[] bytes, Random random) {
        byte[] inflated = lengthInflater.inflate(bytes, random);
        return inflated == null ? bytes : inflated;
    }

    /**
     * LHHTTT's length field (one hex digit L, then L hex digits) rewritten to declare a large length: more than
     * follows, beyond a limit, or beyond what an int holds.
     */
    public static byte[] inflateLhhtttLength(byte[] frame, Random random) {
        int digits = frame.length == 0 ? -1 : Character.digit(frame[0], 16);
        if (digits < 1 || frame.length < 1 + digits) {
            return null;
        }
        String length = switch (random.nextInt(3)) {
            case 0 -> Long.toHexString(frame.length - digits); // one byte more than follows
            case 1 -> "7fffffff";
            default -> "fffffffffffffff";
        };
        byte[] header = (Character.forDigit(length.length(), 16) + length).getBytes(StandardCharsets.US_ASCII);
        return concat(header, Arrays.copyOfRange(frame, 1 + digits, frame.length));
    }

    private static byte[] flipBit(byte[] bytes, int at, Random random) {
        if (at < bytes.length) {
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, int at, byte value) {
        return concat(concat(Arrays.copyOf(bytes, at), new byte[] { value }), Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private static byte[] splice(byte[] bytes, int at, byte[] other, Random random) {
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

    /** Frames larger than this are left out of a corpus: mutations of a few kilobytes reach every branch of a header. */
    public static List<byte[]> upTo(int maxBytes, List<byte[]> frames) {
        List<byte[]> kept = new ArrayList<>(frames);
        kept.removeIf(frame -> frame.length > maxBytes);
        return kept;
    }
}
