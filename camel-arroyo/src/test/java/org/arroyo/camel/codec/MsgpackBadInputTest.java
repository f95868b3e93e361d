package org.arroyo.camel.codec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.InteropVectors.Case;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bytes that are not an arroyosas or timepix message are refused with an {@link ArroyoDecodeException}
 * saying what is wrong and at which byte. Inputs are written with msgpack-core's own packer.
 */
class MsgpackBadInputTest {

    private final MessageCodec msgpack = WireFormat.MSGPACK.codec();
    private final MessageCodec multipart = WireFormat.MULTIPART.codec();

    private interface Packing {
        void write(MessagePacker packer) throws IOException;
    }

    static byte[] pack(Packing packing) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packing.write(packer);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new AssertionError("packing into memory cannot fail", e);
        }
    }

    static ArroyoDecodeException refused(ThrowingCallable decoding) {
        Throwable thrown = catchThrowable(decoding);
        assertThat(thrown).isInstanceOf(ArroyoDecodeException.class);
        return (ArroyoDecodeException) thrown;
    }

    private ArroyoDecodeException refused(byte[] bytes) {
        return refused(() -> msgpack.decode(bytes));
    }

    /** A start message whose second field, {@code a}, is written by the given step. */
    private static byte[] startWithField(Packing value) {
        return pack(packer -> {
            packer.packMapHeader(2).packString("msg_type").packString("start").packString("a");
            value.write(packer);
        });
    }

    /** An event whose {@code image.array} map holds the given data, dtype and shape. */
    private static byte[] eventWithArray(Packing data, Packing dtype, Packing shape) {
        return pack(packer -> {
            packer.packMapHeader(2).packString("msg_type").packString("event").packString("image")
                    .packMapHeader(1).packString("array").packMapHeader(3).packString("data");
            data.write(packer);
            packer.packString("dtype");
            dtype.write(packer);
            packer.packString("shape");
            shape.write(packer);
        });
    }

    static Stream<Case> msgpackFrames() {
        return InteropVectors.cases().stream().filter(c -> List.of("msgpack", "multipart").contains(c.codec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("msgpackFrames")
    void everyTruncationOfAnInteropVectorIsRefusedAtAnOffsetWithinIt(Case vector) {
        byte[] header = InteropVectors.read(vector.frames().get(0));
        for (int length = 0; length < header.length; length++) {
            byte[] prefix = Arrays.copyOf(header, length);

            ArroyoDecodeException e = refused(prefix);

            assertThat(e.getMessage()).as("prefix of %d bytes", length)
                    .matches("(empty input, expected a msgpack map"
                            + "|(string|binary) declares \\d+ bytes but only \\d+ bytes remain"
                            + "|(map|array) declares \\d+ elements but only \\d+ bytes remain"
                            + "|truncated msgpack: the input ends inside a value) \\(at byte offset \\d+\\)");
            assertThat(e.offset()).as("prefix of %d bytes", length).isBetween(0L, (long) length);
        }
    }

    @Test
    void textSaysWhatItLooksLike() {
        assertThat(refused("{\"msg_type\": \"start\", \"run_id\": \"r1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("expected a msgpack map, found integer; the bytes look like JSON text: use format json"
                        + " (or json+raw for ArroyoXPS) (at byte offset 0)");
        assertThat(refused("hello world".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("expected a msgpack map, found integer; the bytes look like UTF-8 text (\"hello world\"),"
                        + " not msgpack (at byte offset 0)");
        assertThat(refused("détecteur: frame 1 of 20 done, 3 to go".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("look like UTF-8 text (\"détecteur: frame 1 of 20...\")");
        assertThat(refused(("x".repeat(63) + "é and more").getBytes(StandardCharsets.UTF_8)))
                .as("a character cut where the look ends").hasMessageContaining("look like UTF-8 text");
        assertThat(refused(new byte[] { 'a', 'b', (byte) 0xc3 })).as("text cut inside its last character")
                .hasMessage("expected a msgpack map, found integer (at byte offset 0)");
    }

    @Test
    void bytesThatAreNoMsgpackMapAreRefused() {
        assertThat(refused(new byte[] { 0x01, 0x02 })).hasMessage("expected a msgpack map, found integer (at byte offset 0)");
        assertThat(refused(pack(packer -> packer.packArrayHeader(1).packString("msg_type"))))
                .hasMessage("expected a msgpack map, found array (at byte offset 0)");
        assertThat(refused(new byte[] { (byte) 0xc1 })).hasMessageStartingWith("malformed msgpack: ")
                .hasMessageEndingWith("(at byte offset 0)");
        assertThat(refused(new byte[0])).hasMessage("empty input, expected a msgpack map (at byte offset 0)");
    }

    @Test
    void aMissingNullNonStringOrUnknownMsgTypeIsRefused() {
        assertThat(refused(pack(packer -> packer.packMapHeader(1).packString("run").packInt(1))))
                .hasMessage("no msg_type field");
        assertThat(refused(pack(packer -> packer.packMapHeader(1).packString("msg_type").packNil())))
                .hasMessage("msg_type is null");
        assertThat(refused(pack(packer -> packer.packMapHeader(1).packString("msg_type").packInt(42))))
                .hasMessage("msg_type is a Long, expected a string");
        assertThat(refused(pack(packer -> packer.packMapHeader(1).packString("msg_type").packString("begin"))))
                .hasMessage("unknown msg_type 'begin' (expected start, event or stop)");
    }

    @Test
    void mapKeysMustBeStrings() {
        assertThat(refused(pack(packer -> packer.packMapHeader(1).packInt(1).packString("start"))))
                .hasMessage("map key is integer, expected a string (at byte offset 1)");
        assertThat(refused(startWithField(packer -> packer.packMapHeader(1).packBinaryHeader(1).writePayload(new byte[1])
                .packInt(0)))).hasMessage("map key is binary, expected a string (at byte offset 19)");
    }

    @Test
    void anArrayDescriptionOfTheWrongTypesIsRefused() {
        Packing data = packer -> packer.packBinaryHeader(4).writePayload(new byte[4]);
        Packing uint16 = packer -> packer.packString("uint16");
        Packing shape = packer -> packer.packArrayHeader(2).packInt(1).packInt(2);

        assertThat(refused(eventWithArray(packer -> packer.packString("text"), uint16, shape)))
                .hasMessage("image.array.data must be binary");
        assertThat(refused(eventWithArray(data, packer -> packer.packInt(5), shape)))
                .hasMessage("image.array.dtype must be a string, got Long 5");
        assertThat(refused(eventWithArray(data, packer -> packer.packString("complex128"), shape)))
                .hasMessage("image.array: unsupported dtype 'complex128'");
        assertThat(refused(eventWithArray(data, uint16, packer -> packer.packInt(2))))
                .hasMessage("image.array.shape must be a list of integers, got Long 2");
        assertThat(refused(eventWithArray(data, uint16, packer -> packer.packArrayHeader(2).packInt(1).packString("2"))))
                .hasMessage("image.array.shape[1] must be a non-negative integer, got String 2");
        assertThat(refused(eventWithArray(data, uint16, packer -> packer.packArrayHeader(2).packInt(-1).packInt(-2))))
                .hasMessage("image.array.shape[0] must be a non-negative integer, got Long -1");
        assertThat(refused(eventWithArray(data, uint16, packer -> packer.packArrayHeader(1).packLong(1L << 40))))
                .hasMessage("image.array.shape[0] must be a non-negative integer, got Long 1099511627776");
    }

    @Test
    void dtypeAndShapeMustFitTheDataLength() {
        byte[] event = eventWithArray(packer -> packer.packBinaryHeader(10).writePayload(new byte[10]),
                packer -> packer.packString("uint16"), packer -> packer.packArrayHeader(2).packInt(3).packInt(2));

        assertThat(refused(event)).hasMessage("image.array: array data has 10 bytes but dtype uint16 and shape [3, 2] need 12");
    }

    @Test
    void aTimepixHeaderMustFitItsPayloadFrame() {
        byte[] header = pack(packer -> packer.packMapHeader(3).packString("msg_type").packString("event")
                .packString("dtype").packString(">f4").packString("shape").packArrayHeader(1).packInt(3));

        assertThat(refused(() -> multipart.decode(List.of(ByteBuffer.wrap(header), ByteBuffer.allocate(11)))))
                .hasMessage("header: array data has 11 bytes but dtype float32 and shape [3] need 12");
    }

    @Test
    void multipartFrameCountsAreChecked() {
        ByteBuffer start = ByteBuffer.wrap(pack(packer -> packer.packMapHeader(1).packString("msg_type").packString("start")));
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] { 1, 2 });

        assertThat(refused(() -> multipart.decode(List.of()))).hasMessage("multipart messages have 1 to 2 frames, got 0");
        assertThat(refused(() -> multipart.decode(List.of(start, start, start))))
                .hasMessage("multipart messages have 1 to 2 frames, got 3");
        assertThat(refused(() -> multipart.decode(List.of(start, garbage))))
                .hasMessage("multipart start messages have 1 frame, got 2");
        assertThat(refused(() -> multipart.decode(List.of(garbage, garbage))))
                .hasMessage("frame 0: expected a msgpack map, found integer (at byte offset 0)");
        assertThat(refused(() -> msgpack.decode(List.of(start, start)))).hasMessage("msgpack messages have 1 frame, got 2");
    }

    /** Lengths declared far beyond a 10-byte input ({a: header, 2 bytes}) are refused before anything is allocated. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "db7fffffff", "c67fffffff", "dd7fffffff", "df7fffffff", "db80000000", "c680000000",
            "dd80000000", "df80000000", "dbffffffff", "c6ffffffff", "ddffffffff", "dfffffffff" })
    void hugeDeclaredLengthsAreRefusedWithoutAllocating(String header) {
        byte[] bytes = HexFormat.of().parseHex("81a161" + header + "0000");

        ArroyoDecodeException e = refusedAllocatingLittle(() -> msgpack.decode(bytes));

        assertThat(e.getMessage()).matches("(string|binary|array|map) declares (2147483647|2147483648|4294967295)"
                + " (bytes|elements) but only 2 bytes remain \\(at byte offset 3\\)");
    }

    /** The outer map, or a timepix header, declaring 2^31 entries is refused from its header too. */
    @Test
    void anOuterMapDeclaring2To31EntriesIsRefusedWithoutAllocating() {
        byte[] bytes = HexFormat.of().parseHex("df80000000a161c0");

        assertThat(refusedAllocatingLittle(() -> msgpack.decode(bytes)))
                .hasMessage("map declares 2147483648 elements but only 3 bytes remain (at byte offset 0)");
        assertThat(refusedAllocatingLittle(() -> multipart.decode(List.of(ByteBuffer.wrap(bytes), ByteBuffer.allocate(4)))))
                .hasMessage("frame 0: map declares 2147483648 elements but only 3 bytes remain (at byte offset 0)");
    }

    /** Refused, having allocated less than a mebibyte on the way. */
    private static ArroyoDecodeException refusedAllocatingLittle(ThrowingCallable decoding) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        ArroyoDecodeException e = refused(decoding);

        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(1 << 20);
        return e;
    }

    @Test
    void nestingDeeperThan64LevelsIsRefused() {
        assertThat(msgpack.decode(nestedMaps(64))).isNotNull();

        assertThat(refused(nestedMaps(65))).hasMessage("nesting deeper than 64 levels (at byte offset 207)");
        assertThat(refused(nestedLists(64))).hasMessage("nesting deeper than 64 levels (at byte offset 81)");
        assertThat(refused(nestedLists(1_000_000))).hasMessage("nesting deeper than 64 levels (at byte offset 81)");
    }

    /** A start message that is {@code levels} maps deep, counting its own. */
    private static byte[] nestedMaps(int levels) {
        return pack(packer -> {
            packer.packMapHeader(2).packString("msg_type").packString("start");
            for (int level = 2; level <= levels; level++) {
                packer.packString("a").packMapHeader(1);
            }
            packer.packString("a").packInt(1);
        });
    }

    /** A start message with a list {@code depth} lists deep. */
    private static byte[] nestedLists(int depth) {
        return startWithField(packer -> {
            for (int level = 0; level < depth; level++) {
                packer.packArrayHeader(1);
            }
            packer.packInt(1);
        });
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(refused(startWithField(packer -> packer.packMapHeader(2).packString("k").packInt(1).packString("k").packInt(2))))
                .hasMessage("duplicate map key 'k' (at byte offset 22)");
        assertThat(refused(pack(packer -> packer.packMapHeader(2).packString("msg_type").packString("start")
                .packString("msg_type").packString("stop")))).hasMessage("duplicate map key 'msg_type' (at byte offset 16)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "ff", "c080", "eda080", "e282", "f4908080" })
    void invalidUtf8IsRefused(String utf8) {
        byte[] invalid = HexFormat.of().parseHex(utf8);

        assertThat(refused(startWithField(packer -> packer.packRawStringHeader(invalid.length).writePayload(invalid))))
                .hasMessage("string is not valid UTF-8 (at byte offset 18)");
        assertThat(refused(pack(packer -> packer.packMapHeader(2).packString("msg_type").packString("start")
                .packRawStringHeader(invalid.length).writePayload(invalid).packInt(0))))
                .hasMessage("string is not valid UTF-8 (at byte offset 16)");
    }

    @Test
    void extensionTypesAreRefused() {
        assertThat(refused(startWithField(packer -> packer.packExtensionTypeHeader((byte) 1, 1).writePayload(new byte[1]))))
                .hasMessage("msgpack extension types are not Arroyo values (at byte offset 18)");
        assertThat(refused(startWithField(packer -> packer.packTimestamp(1_700_000_000L))))
                .hasMessage("msgpack extension types are not Arroyo values (at byte offset 18)");
        assertThat(refused(startWithField(packer -> packer.packExtensionTypeHeader((byte) 7, 300).writePayload(new byte[300]))))
                .hasMessage("msgpack extension types are not Arroyo values (at byte offset 18)");
    }

    @Test
    void bytesAfterTheMapAreRefused() {
        byte[] start = pack(packer -> packer.packMapHeader(1).packString("msg_type").packString("start"));
        byte[] withTrailing = Arrays.copyOf(start, start.length + 3);

        assertThat(refused(withTrailing)).hasMessage("3 unexpected bytes after the map (at byte offset 16)");
        assertThat(refused(() -> multipart.decode(List.of(ByteBuffer.wrap(withTrailing)))))
                .hasMessage("frame 0: 3 unexpected bytes after the map (at byte offset 16)");
    }
}
