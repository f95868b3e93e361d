package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.message.internal.Values;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.InteropVectors.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case the Python peers produced decodes to what the manifest says and re-encodes byte for byte. */
class InteropVectorsTest {

    static Stream<Case> messageCases() {
        return InteropVectors.cases().stream().filter(c -> !c.codec().equals("lhhttt"));
    }

    static Stream<Case> byteExactCases() {
        return InteropVectors.cases().stream().filter(c -> List.of("msgpack", "multipart").contains(c.codec()));
    }

    static Stream<Case> lhhtttCases() {
        return InteropVectors.cases("lhhttt").stream();
    }

    @Test
    void manifestCoversEveryConvention() {
        assertThat(InteropVectors.cases()).extracting(Case::codec)
                .contains("msgpack", "multipart", "json", "json+raw", "lhhttt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageCases")
    void decodesToWhatTheManifestSays(Case vector) {
        ArroyoMessage message = decode(vector);

        assertThat(message.type().wireName()).isEqualTo(vector.kind());
        assertThat(fieldsOf(message)).isEqualTo(vector.fieldsWithoutType());
        JsonNode expectedArray = vector.expect().get("array");
        Optional<NdArray> array = message instanceof Event event ? event.array() : Optional.empty();
        if (expectedArray == null) {
            assertThat(array).isEmpty();
            return;
        }
        NdArray actual = array.orElseThrow();
        assertThat(actual.dtype().numpyName()).isEqualTo(expectedArray.get("dtype").asText());
        List<Integer> shape = new ArrayList<>();
        expectedArray.get("shape").forEach(dim -> shape.add(dim.asInt()));
        assertThat(Arrays.stream(actual.shape()).boxed().toList()).isEqualTo(shape);
        assertThat(actual.byteOrder()).isEqualTo(expectedArray.get("byteorder").asText().equals("big")
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        assertThat(actual.nbytes()).isEqualTo(expectedArray.get("nbytes").asInt());
        assertThat(Values.sha256(actual.data())).isEqualTo(expectedArray.get("sha256").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteExactCases")
    void reencodesToIdenticalBytes(Case vector) {
        MessageCodec codec = WireFormat.fromName(vector.codec()).codec();
        List<byte[]> frames = codec.encode(codec.decode(vector.frameBuffers()));

        assertThat(frames).hasSameSizeAs(vector.frames());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i)).as("frame %d", i).isEqualTo(InteropVectors.read(vector.frames().get(i)));
        }
    }

    static Stream<Case> jsonCases() {
        return InteropVectors.cases().stream().filter(c -> c.codec().startsWith("json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonCases")
    void jsonCasesRoundTripToEqualValues(Case vector) {
        ArroyoMessage message = decode(vector);
        MessageCodec json = WireFormat.JSON.codec();
        List<byte[]> frames = json.encode(message);
        ArroyoMessage again = json.decode(frames.stream().map(ByteBuffer::wrap).toList());

        assertThat(again.type()).isEqualTo(message.type());
        assertThat(fieldsOf(again)).isEqualTo(fieldsOf(message));
        if (message instanceof Event event) {
            assertThat(((Event) again).payload()).isEqualTo(event.payload());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lhhtttCases")
    void lhhtttFramesDecodeAndReencodeExactly(Case vector) {
        byte[] frame = InteropVectors.read(vector.frames().get(0));

        assertThat(Lhhttt.decode(ByteBuffer.wrap(frame))).isEqualTo(vector.expect().get("text").asText());
        assertThat(Lhhttt.encode(vector.expect().get("text").asText())).isEqualTo(frame);
    }

    /** json+raw cases are a stream (start, event header, image): pair them as a listener would. */
    static ArroyoMessage decode(Case vector) {
        if (!vector.codec().equals("json+raw")) {
            return WireFormat.fromName(vector.codec()).codec().decode(vector.frameBuffers());
        }
        JsonImageAssembler assembler = new JsonImageAssembler();
        ArroyoMessage last = null;
        for (ByteBuffer frame : vector.frameBuffers()) {
            last = assembler.accept(frame).orElse(null);
        }
        return last;
    }

    static Object fieldsOf(ArroyoMessage message) {
        if (message instanceof Start start) {
            return start.data();
        }
        if (message instanceof Stop stop) {
            return stop.data();
        }
        return ((Event) message).metadata();
    }
}
