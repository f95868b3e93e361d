package org.arroyo.camel.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.message.internal.ArrayField;

/**
 * Random Arroyo values and messages for property tests, with the boundaries the wire formats care
 * about: integer widths, str8/str16/str32 and bin8/bin16/bin32 lengths, unicode beyond the BMP.
 */
public final class ArroyoArbitraries {

    /** Field names the conventions give a meaning of their own; random metadata never uses them. */
    private static final Set<String> RESERVED_KEYS = Set.of("msg_type", "image", "dtype", "shape");

    /** Lengths where msgpack changes format (fixstr/str8/str16/str32, bin8/16/32) or the writer splices. */
    private static final List<Integer> LENGTH_BOUNDARIES = List.of(0, 31, 32, 255, 256, 8191, 8192, 65535, 65536);

    private ArroyoArbitraries() {
    }

    /** Which values a convention can carry. */
    public enum ValueSet {
        /** Everything msgpack carries: binary, float32, NaN and infinities, integers up to 2^64-1. */
        MSGPACK(true, true, true),
        /** What msgpack-python writes from Python objects: no float32 (Python floats are float64). */
        PYTHON(true, false, true),
        /** What JSON carries: no binary, no float32, only finite numbers. */
        JSON(false, false, false);

        final boolean binary;
        final boolean float32;
        final boolean nonFinite;

        ValueSet(boolean binary, boolean float32, boolean nonFinite) {
            this.binary = binary;
            this.float32 = float32;
            this.nonFinite = nonFinite;
        }
    }

    /** Texts of any unicode code points (1 to 4 UTF-8 bytes each, no unpaired surrogates). */
    public static Arbitrary<String> unicodeText(int maxCodePoints) {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0, 0x7ff)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xffff).filter(cp -> cp < 0xd800 || cp > 0xdfff)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoints.list().ofMaxSize(maxCodePoints)
                .map(list -> new String(list.stream().mapToInt(Integer::intValue).toArray(), 0, list.size()));
    }

    /** Short texts mostly, sometimes longer than 255 or 65535 UTF-8 bytes, sometimes exactly at a boundary. */
    public static Arbitrary<String> texts() {
        Arbitrary<String> beyondBoundary = Combinators.combine(unicodeText(6).filter(s -> !s.isEmpty()),
                Arbitraries.of(256, 65536)).as((unit, bytes) -> unit.repeat(bytes / utf8Length(unit) + 1));
        return Arbitraries.frequencyOf(
                Tuple.of(60, unicodeText(20)),
                Tuple.of(2, Arbitraries.of(LENGTH_BOUNDARIES).map("x"::repeat)),
                Tuple.of(1, beyondBoundary));
    }

    /** Binary values, mostly short, sometimes at or beyond a msgpack length boundary; read from an offset. */
    public static Arbitrary<ByteBuffer> binaries() {
        Arbitrary<Integer> lengths = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(0, 40)),
                Tuple.of(2, Arbitraries.of(LENGTH_BOUNDARIES)),
                Tuple.of(1, Arbitraries.integers().between(256, 70_000)));
        return Combinators.combine(lengths, Arbitraries.integers().between(0, 3), Arbitraries.longs())
                .as((length, offset, seed) -> ByteBuffer.wrap(randomBytes(offset + length, seed), offset, length));
    }

    /** Integers with every width boundary of msgpack, and the extremes of long. */
    public static Arbitrary<Long> longs() {
        List<Long> boundaries = new ArrayList<>();
        for (int bits : new int[] { 5, 7, 8, 15, 16, 31, 32, 63 }) {
            long power = bits == 63 ? Long.MAX_VALUE : 1L << bits;
            boundaries.addAll(List.of(power, power - 1, -power, -power - 1, bits == 63 ? Long.MIN_VALUE : power + 1));
        }
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(boundaries));
    }

    /** BigIntegers of the msgpack range, mostly beyond long (up to 2^64-1), some within it. */
    public static Arbitrary<BigInteger> bigIntegers() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(63), max),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MIN_VALUE), max));
    }

    public static Arbitrary<Object> leaves(ValueSet set) {
        List<Arbitrary<?>> leaves = new ArrayList<>(List.of(
                Arbitraries.just(null), Arbitraries.of(true, false), longs(), bigIntegers(), texts(),
                set.nonFinite ? Arbitraries.doubles().withStandardSpecialValues().withSpecialValue(-0.0)
                        : Arbitraries.doubles().withSpecialValue(-0.0).withSpecialValue(Double.MAX_VALUE)));
        if (set.float32) {
            leaves.add(Arbitraries.floats().withStandardSpecialValues());
        }
        if (set.binary) {
            leaves.add(binaries());
        }
        return Arbitraries.oneOf(leaves.stream().map(arbitrary -> arbitrary.map(value -> (Object) value)).toList());
    }

    /** Any value, nested up to three lists or maps deep. */
    public static Arbitrary<Object> values(ValueSet set) {
        return Arbitraries.recursive(() -> leaves(set),
                inner -> Arbitraries.frequencyOf(
                        Tuple.of(3, leaves(set)),
                        Tuple.of(1, inner.list().ofMaxSize(4).map(list -> (Object) list)),
                        Tuple.of(1, maps(inner, 4).map(map -> (Object) map))),
                0, 3);
    }

    /** Maps in random key order with string keys that no convention reserves. */
    public static Arbitrary<Map<String, Object>> fields(ValueSet set) {
        return maps(values(set), 6);
    }

    private static Arbitrary<Map<String, Object>> maps(Arbitrary<Object> values, int maxSize) {
        Arbitrary<String> keys = Arbitraries.oneOf(unicodeText(12), Arbitraries.strings().alpha().ofMaxLength(10))
                .filter(key -> !RESERVED_KEYS.contains(key));
        return keys.list().uniqueElements().ofMaxSize(maxSize).flatMap(names -> values.list().ofSize(names.size())
                .map(list -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        map.put(names.get(i), list.get(i));
                    }
                    return map;
                }));
    }

    /**
     * Arrays of every dtype and byte order, rank 0 to 3 (dimensions may be 0; 120 x 90 float64 needs bin32),
     * over bytes read from an offset.
     */
    public static Arbitrary<NdArray> arrays() {
        Arbitrary<int[]> shapes = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(0, 6).list().ofMaxSize(3)),
                Tuple.of(1, Arbitraries.of(List.of(120, 90), List.of(3, 0, 2))))
                .map(dims -> dims.stream().mapToInt(Integer::intValue).toArray());
        return Combinators.combine(Arbitraries.of(DType.class), shapes, Arbitraries.of(ByteOrder.LITTLE_ENDIAN,
                ByteOrder.BIG_ENDIAN), Arbitraries.integers().between(0, 7), Arbitraries.longs())
                .as((dtype, shape, order, offset, seed) -> {
                    int length = Arrays.stream(shape).reduce(1, (a, b) -> a * b) * dtype.itemSize();
                    ByteBuffer data = ByteBuffer.wrap(randomBytes(offset + length, seed), offset, length);
                    return new NdArray(dtype, shape, order, data);
                });
    }

    private static Arbitrary<ArroyoMessage> startsAndStops(ValueSet set) {
        return Arbitraries.oneOf(fields(set).map(Start::new), fields(set).map(Stop::new));
    }

    private static Arbitrary<Event> metadataEvents(ValueSet set) {
        return fields(set).map(Event::of);
    }

    /** Events with an array at {@code image.array} or {@code image}, at any position among the metadata. */
    public static Arbitrary<Event> arrayEvents(ValueSet set) {
        return Combinators.combine(fields(set), arrays(), Arbitraries.of(ArrayField.IMAGE_ARRAY, ArrayField.IMAGE),
                Arbitraries.integers().between(0, 8))
                .as((metadata, array, place, position) -> Event.of(metadata, array, place.at(position)));
    }

    /** Messages of the arroyosas convention (one msgpack map). */
    public static Arbitrary<ArroyoMessage> msgpackMessages(ValueSet set) {
        return Arbitraries.oneOf(startsAndStops(set), metadataEvents(set), arrayEvents(set));
    }

    /** Events whose payload is opaque bytes (possibly none). */
    public static Arbitrary<Event> payloadEvents(ValueSet set) {
        return Combinators.combine(fields(set), binaries()).as(Event::of);
    }

    /**
     * Timepix events as the convention writes them: the header states the array's {@code dtype}
     * (as numpy's name or type string) and {@code shape}, anywhere among the other fields.
     */
    public static Arbitrary<Event> describedArrayEvents() {
        return Combinators.combine(fields(ValueSet.MSGPACK), arrays(), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 8), Arbitraries.of(true, false))
                .as((metadata, array, dtypeAt, shapeAt, typeString) -> {
                    List<Map.Entry<String, Object>> entries = new ArrayList<>(metadata.entrySet());
                    String dtype = typeString ? array.dtype().typeString(array.byteOrder())
                            : array.dtype().numpySpelling(array.byteOrder());
                    entries.add(Math.min(dtypeAt, entries.size()), Map.entry("dtype", dtype));
                    entries.add(Math.min(shapeAt, entries.size()), Map.entry("shape", shapeList(array)));
                    Map<String, Object> header = new LinkedHashMap<>();
                    entries.forEach(entry -> header.put(entry.getKey(), entry.getValue()));
                    return Event.of(header, array);
                });
    }

    /** Messages of the timepix convention (header map, then the raw array or payload). */
    public static Arbitrary<ArroyoMessage> multipartMessages() {
        return Arbitraries.oneOf(startsAndStops(ValueSet.MSGPACK), metadataEvents(ValueSet.MSGPACK),
                payloadEvents(ValueSet.MSGPACK), describedArrayEvents());
    }

    /** Messages of the ArroyoXPS convention (JSON map, an event's image as the next frame). */
    public static Arbitrary<ArroyoMessage> jsonMessages() {
        return Arbitraries.oneOf(startsAndStops(ValueSet.JSON), metadataEvents(ValueSet.JSON),
                payloadEvents(ValueSet.JSON));
    }

    public static List<Long> shapeList(NdArray array) {
        return Arrays.stream(array.shape()).mapToObj(dim -> (long) dim).toList();
    }

    public static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
