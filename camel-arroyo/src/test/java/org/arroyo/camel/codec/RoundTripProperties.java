package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.arroyo.camel.codec.ArroyoArbitraries.ValueSet;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;

import static org.assertj.core.api.Assertions.assertThat;

/** Every codec gives back what it wrote, for random messages, whatever kind of buffer the frames arrive in. */
class RoundTripProperties {

    private final MessageCodec msgpack = WireFormat.MSGPACK.codec();
    private final MessageCodec multipart = WireFormat.MULTIPART.codec();
    private final MessageCodec json = WireFormat.JSON.codec();
    private final MessageCodec raw = WireFormat.RAW.codec();

    @Provide
    Arbitrary<ArroyoMessage> msgpackMessages() {
        return ArroyoArbitraries.msgpackMessages(ValueSet.MSGPACK);
    }

    @Provide
    Arbitrary<ArroyoMessage> multipartMessages() {
        return ArroyoArbitraries.multipartMessages();
    }

    @Provide
    Arbitrary<ArroyoMessage> jsonMessages() {
        return ArroyoArbitraries.jsonMessages();
    }

    @Provide
    Arbitrary<Event> arrayEvents() {
        return ArroyoArbitraries.arrayEvents(ValueSet.MSGPACK);
    }

    @Provide
    Arbitrary<ByteBuffer> binaries() {
        return ArroyoArbitraries.binaries();
    }

    @Property(tries = 400)
    void msgpackDecodesWhatItEncodesAndReencodesTheSameBytes(@ForAll("msgpackMessages") ArroyoMessage message,
            @ForAll BufferKind kind) {
        byte[] bytes = msgpack.encodeFrame(message);

        ArroyoMessage decoded = msgpack.decode(kind.of(bytes));

        assertThat(decoded).isEqualTo(message);
        assertThat(msgpack.encodeFrame(decoded)).isEqualTo(bytes);
    }

    @Property(tries = 400)
    void multipartDecodesWhatItEncodesAndReencodesTheSameFrames(@ForAll("multipartMessages") ArroyoMessage message,
            @ForAll BufferKind kind) {
        List<byte[]> frames = multipart.encode(message);

        ArroyoMessage decoded = multipart.decode(frames.stream().map(kind::of).toList());

        assertThat(decoded).isEqualTo(message);
        assertThat(multipart.encode(decoded)).containsExactlyElementsOf(frames);
    }

    /** A header that does not state the array's dtype and shape gets them, after the other fields. */
    @Property(tries = 200)
    void multipartAddsDtypeAndShapeToAHeaderWithoutThem(@ForAll("arrayEvents") Event event) {
        NdArray array = event.array().orElseThrow();

        ArroyoMessage decoded = multipart.decode(multipart.encode(event).stream().map(ByteBuffer::wrap).toList());

        Map<String, Object> described = new LinkedHashMap<>(event.metadata());
        described.put("shape", ArroyoArbitraries.shapeList(array));
        described.put("dtype", array.dtype().numpySpelling(array.byteOrder()));
        assertThat(decoded).isEqualTo(Event.of(described, array));
    }

    @Property(tries = 400)
    void jsonDecodesEqualValues(@ForAll("jsonMessages") ArroyoMessage message, @ForAll BufferKind kind) {
        List<byte[]> frames = json.encode(message);

        ArroyoMessage decoded = json.decode(frames.stream().map(kind::of).toList());

        assertThat(decoded).isEqualTo(message);
        assertThat(json.encode(decoded)).containsExactlyElementsOf(frames);
    }

    @Property(tries = 200)
    void rawPassesBytesThroughUntouched(@ForAll("binaries") ByteBuffer bytes, @ForAll BufferKind kind) {
        byte[] frame = Bytes.copyOf(bytes);

        ArroyoMessage decoded = raw.decode(kind.of(frame));

        assertThat(decoded).isEqualTo(Event.of(Map.of(), bytes));
        assertThat(raw.encodeFrame(decoded)).isEqualTo(frame);
    }
}
