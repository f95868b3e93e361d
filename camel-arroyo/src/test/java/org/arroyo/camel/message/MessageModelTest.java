package org.arroyo.camel.message;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.arroyo.camel.codec.ArroyoArbitraries;
import org.arroyo.camel.codec.ArroyoArbitraries.ValueSet;
import org.arroyo.camel.message.internal.ArrayField;
import org.arroyo.camel.message.internal.Values;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages are immutable values that compare by content and print readably, whatever their size. */
class MessageModelTest {

    private static final NdArray UINT16 = new NdArray(DType.UINT16, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN,
            ByteBuffer.wrap(new byte[] { 1, 0, 2, 0 }));

    @SuppressWarnings("unchecked")
    @Test
    void mapsAndListsAreUnmodifiableAllTheWayDown() {
        Start start = new Start(Map.of("geometry", Map.of("rows", 4, "roi", List.of(Map.of("x", 1)))));
        Map<String, Object> geometry = (Map<String, Object>) start.data().get("geometry");
        List<Object> roi = (List<Object>) geometry.get("roi");

        assertThatThrownBy(() -> start.data().put("run", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> geometry.remove("rows")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> roi.add(3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) roi.get(0)).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Event.of(Map.of("a", 1)).metadata().put("b", 2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Stop(Map.of("a", 1)).data().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMessageBuiltFromAnotherMessagesMapsSharesThemInsteadOfCopying() {
        Event event = Event.of(Map.of("roi", List.of(1, 2), "geometry", Map.of("rows", 4)));
        Map<String, Object> more = new LinkedHashMap<>(event.metadata());
        more.put("label", "dark");

        Event same = event.withMetadata(event.metadata());
        Event labelled = event.withMetadata(more);

        assertThat(same.metadata()).isSameAs(event.metadata());
        assertThat(labelled.metadata().get("geometry")).isSameAs(event.metadata().get("geometry"));
        assertThat(labelled.metadata().get("roi")).isSameAs(event.metadata().get("roi"));
        assertThat(labelled.metadata()).containsEntry("label", "dark").hasSize(3);
    }

    @Test
    void aMessageKeepsWhatItWasBuiltWithWhenTheCallersObjectsChange() {
        List<Object> roi = new ArrayList<>(List.of(1L, 2L));
        byte[] mask = { 1, 2, 3 };
        ByteBuffer gains = ByteBuffer.wrap(new byte[] { 9, 8, 7 });
        Map<String, Object> data = new LinkedHashMap<>(Map.of("roi", roi, "mask", mask, "gains", gains));
        Start start = new Start(data);

        data.put("run", 5L);
        roi.add(3L);
        mask[0] = 0;
        gains.get();

        assertThat(start.data()).containsOnlyKeys("roi", "mask", "gains");
        assertThat(start.data().get("roi")).isEqualTo(List.of(1L, 2L));
        assertThat(start.data().get("mask")).isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        assertThat(start.data().get("gains")).as("a binary value is the caller's bytes, not its position")
                .isEqualTo(ByteBuffer.wrap(new byte[] { 9, 8, 7 }));
    }

    @Test
    void payloadsArraysAndBinaryValuesAreReadOnly() {
        ByteBuffer frame = ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 });
        Event opaque = Event.of(Map.of("mask", new byte[] { 1 }), frame);
        Event withArray = Event.of(Map.of(), UINT16);

        List<ByteBuffer> views = List.of(opaque.payload(), (ByteBuffer) opaque.metadata().get("mask"), withArray.payload(),
                withArray.array().orElseThrow().data());

        assertThat(views).allSatisfy(view -> assertThatThrownBy(() -> view.put(0, (byte) 0))
                .isInstanceOf(ReadOnlyBufferException.class));
        opaque.payload().get();
        frame.position(3);
        assertThat(opaque.payload().remaining()).as("each payload() is a fresh view of all the bytes").isEqualTo(4);
        int[] shape = withArray.array().orElseThrow().shape();
        shape[0] = 7;
        assertThat(withArray.array().orElseThrow().shape()).containsExactly(2);
    }

    @Provide
    Arbitrary<Map<String, Object>> fields() {
        return ArroyoArbitraries.fields(ValueSet.MSGPACK);
    }

    @Provide
    Arbitrary<NdArray> arrays() {
        return ArroyoArbitraries.arrays();
    }

    @Property(tries = 100)
    void messagesOfEqualContentAreEqualWithEqualHashCodes(@ForAll("fields") Map<String, Object> fields,
            @ForAll("arrays") NdArray array) {
        NdArray sameArray = new NdArray(array.dtype(), array.shape(), array.byteOrder(), ByteBuffer.wrap(copy(array.data())));

        assertEqualWithEqualHash(new Start(fields), new Start(deepCopy(fields)));
        assertEqualWithEqualHash(new Stop(fields), new Stop(deepCopy(fields)));
        assertEqualWithEqualHash(Event.of(fields, array), Event.of(deepCopy(fields), sameArray));
        assertEqualWithEqualHash(Event.of(fields, array.data()), Event.of(deepCopy(fields), sameArray.data()));
    }

    private static void assertEqualWithEqualHash(Object one, Object other) {
        assertThat(one).isEqualTo(other).isNotSameAs(other);
        assertThat(one.hashCode()).isEqualTo(other.hashCode());
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put((String) key, deepCopy(element)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(MessageModelTest::deepCopy).toList());
        }
        return value instanceof ByteBuffer bytes ? (T) copy(bytes) : value;
    }

    private static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    @Test
    void messagesThatDifferInAnythingAreNotEqual() {
        Map<String, Object> data = Map.of("run", 1L);
        NdArray bigEndian = new NdArray(DType.UINT16, new int[] { 2 }, ByteOrder.BIG_ENDIAN, UINT16.data());
        NdArray int16 = new NdArray(DType.INT16, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN, UINT16.data());
        NdArray column = new NdArray(DType.UINT16, new int[] { 2, 1 }, ByteOrder.LITTLE_ENDIAN, UINT16.data());

        assertThat(new Start(data)).isNotEqualTo(new Stop(data)).isNotEqualTo(new Start(Map.of("run", 2L)));
        assertThat(Event.of(data, UINT16)).isNotEqualTo(Event.of(data, bigEndian)).isNotEqualTo(Event.of(data, int16))
                .isNotEqualTo(Event.of(data, column)).isNotEqualTo(Event.of(data, UINT16.data()))
                .isNotEqualTo(Event.of(data, UINT16, ArrayField.IMAGE)).isNotEqualTo(Event.of(Map.of(), UINT16));
        assertThat(Event.of(data, ByteBuffer.wrap(new byte[] { 1 }))).isNotEqualTo(Event.of(data, ByteBuffer.wrap(new byte[] { 2 })));
    }

    @Test
    void aFourMiBPayloadPrintsAsItsSizeAndAShortHash() {
        ByteBuffer frame = ByteBuffer.allocate(4 << 20);
        NdArray image = new NdArray(DType.UINT16, new int[] { 1024, 2048 }, ByteOrder.BIG_ENDIAN, frame);

        String opaque = Event.of(Map.of("frame_number", 7L), frame).toString();
        String withArray = Event.of(Map.of("frame_number", 7L, "dark", frame), image).toString();

        assertThat(opaque).hasSizeLessThan(300).isEqualTo("Event{frame_number=7} payload=<4194304 B sha256:"
                + Values.sha256(frame).substring(0, 12) + ">");
        assertThat(withArray).hasSizeLessThan(300).contains("image.array=uint16[1024, 2048] BIG_ENDIAN <4194304 B sha256:")
                .contains("dark=<4194304 B sha256:");
    }

    @Test
    void smallValuesPrintAsThemselves() {
        Start start = new Start(new LinkedHashMap<>(Map.of("run", 1L)));
        Stop stop = new Stop(Map.of("roi", List.of(1L, Map.of("mask", new byte[] { 1, 2, (byte) 0xff }))));

        assertThat(start).hasToString("Start{run=1}");
        assertThat(stop).hasToString("Stop{roi=[1, {mask=<3 B 0x0102ff>}]}");
        assertThat(Event.of(Map.of(), UINT16)).hasToString("Event{} image.array=uint16[2] LITTLE_ENDIAN <4 B 0x01000200>");
        assertThat(Event.of(Map.of())).hasToString("Event{}");
    }

    @Test
    void valuesAreNormalisedToTheTypesTheCodecsProduce() {
        Start start = new Start(Map.of("i", 1, "s", (short) 2, "b", (byte) 3, "small", BigInteger.TEN,
                "big", BigInteger.ONE.shiftLeft(63)));

        assertThat(start.data()).containsEntry("i", 1L).containsEntry("s", 2L).containsEntry("b", 3L)
                .containsEntry("small", 10L).containsEntry("big", BigInteger.ONE.shiftLeft(63));
    }

    @Test
    void valuesNoWireCarriesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Start(Map.of("when", new java.util.Date(0))))
                .withMessageStartingWith("not an Arroyo value: java.util.Date");
        assertThatIllegalArgumentException().isThrownBy(() -> new Stop(Map.of("counts", Map.of(1, 2))))
                .withMessage("map key 1 is not a string");
    }
}
