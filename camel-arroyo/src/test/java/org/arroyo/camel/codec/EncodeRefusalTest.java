package org.arroyo.camel.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.DType;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A message a convention cannot carry faithfully is refused when encoding, never silently changed. */
class EncodeRefusalTest {

    private static final NdArray UINT16 = new NdArray(DType.UINT16, new int[] { 2 }, ByteOrder.LITTLE_ENDIAN,
            ByteBuffer.allocate(4));

    @ParameterizedTest
    @EnumSource(value = WireFormat.class, names = { "MSGPACK", "MULTIPART", "JSON" })
    void aMsgTypeFieldInTheDataIsRefused(WireFormat format) {
        for (ArroyoMessage message : List.of(new Start(Map.of("msg_type", "stop")), new Stop(Map.of("msg_type", 1L)),
                Event.of(Map.of("msg_type", "start")))) {
            assertThatIllegalArgumentException().isThrownBy(() -> format.codec().encode(message))
                    .withMessage("field 'msg_type' is the message type on the wire; it cannot be a field of the message");
        }
    }

    @Test
    void anUnpairedSurrogateIsRefusedRatherThanWrittenAsQuestionMark() {
        String broken = "frame \ud800 1";

        assertThatIllegalArgumentException().isThrownBy(() -> Lhhttt.encode(broken))
                .withMessage("text has an unpaired surrogate at index 6, it cannot be written as UTF-8");
        for (WireFormat format : List.of(WireFormat.MSGPACK, WireFormat.MULTIPART, WireFormat.JSON)) {
            assertThatIllegalArgumentException().as("%s value", format)
                    .isThrownBy(() -> format.codec().encode(new Start(Map.of("name", broken))))
                    .withMessageContaining("surrogate");
            assertThatIllegalArgumentException().as("%s key", format)
                    .isThrownBy(() -> format.codec().encode(new Stop(Map.of("\udc00", 1L))))
                    .withMessageContaining("surrogate");
        }
    }

    @Test
    void jsonRefusesWhatJsonHasNoSpellingFor() {
        MessageCodec json = WireFormat.JSON.codec();

        assertThatIllegalArgumentException().isThrownBy(() -> json.encode(new Start(Map.of("gain", Double.NaN))))
                .withMessage("field 'gain' is NaN, which JSON cannot represent");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> json.encode(new Start(Map.of("limits", List.of(1.0, Float.NEGATIVE_INFINITY)))))
                .withMessage("field 'limits[1]' is -Infinity, which JSON cannot represent");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> json.encode(new Stop(Map.of("mask", Map.of("bits", new byte[] { 1 })))))
                .withMessage("binary field 'mask.bits' cannot be written as JSON");
    }

    @Test
    void aTimepixHeaderMustNotContradictTheArray() {
        MessageCodec multipart = WireFormat.MULTIPART.codec();

        assertThatIllegalArgumentException().isThrownBy(() -> multipart.encode(Event.of(Map.of("dtype", "float32"), UINT16)))
                .withMessage("the metadata's dtype float32 and shape [2] do not describe the event's array "
                        + "uint16[2] LITTLE_ENDIAN <4 B 0x00000000>");
        assertThatIllegalArgumentException().isThrownBy(() -> multipart.encode(Event.of(Map.of("shape", List.of(4L)), UINT16)))
                .withMessageStartingWith("the metadata's dtype uint16 and shape [4] do not describe");
    }

    @Test
    void msgpackRefusesWhatItsConventionCannotHold() {
        MessageCodec msgpack = WireFormat.MSGPACK.codec();

        assertThatIllegalArgumentException().isThrownBy(() -> msgpack.encode(Event.of(Map.of(), ByteBuffer.allocate(3))))
                .withMessageStartingWith("the msgpack convention carries an event's payload as an array");
        assertThatIllegalArgumentException().isThrownBy(() -> msgpack.encode(Event.of(Map.of("image", "x"), UINT16)))
                .withMessage("metadata field 'image' collides with the array field image.array");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> msgpack.encode(new Start(Map.of("n", BigInteger.ONE.shiftLeft(64)))))
                .withMessageContaining("2^64-1");
        assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.RAW.codec().encode(new Start(Map.of())))
                .withMessage("the raw convention carries only events' bytes, not a start");
    }
}
