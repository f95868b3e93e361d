package org.arroyo.camel.convert;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated converter loader makes Arroyo messages ordinary Camel bodies. */
class ArroyoConvertersTest {

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private byte[] vector(String name) {
        return InteropVectors.read(name);
    }

    @Test
    void bytesOfEveryKindConvertToTheMessageAndSetTheTypeHeader() {
        for (String file : List.of("sas_start_1.bin", "sas_event_1_uint16.bin", "sas_stop_1.bin")) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(vector(file));
            ArroyoMessage message = exchange.getMessage().getBody(ArroyoMessage.class);
            assertThat(exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE)).isEqualTo(message.type().wireName());
        }
    }

    @Test
    void byteBufferInputStreamAndFramesConvertLikeBytes() {
        byte[] bytes = vector("sas_event_1_float32.bin");
        ArroyoMessage expected = WireFormat.MSGPACK.codec().decode(bytes);
        var converter = context.getTypeConverter();

        assertThat(converter.convertTo(ArroyoMessage.class, ByteBuffer.wrap(bytes))).isEqualTo(expected);
        assertThat(converter.convertTo(ArroyoMessage.class, new ByteArrayInputStream(bytes))).isEqualTo(expected);
        List<byte[]> frames = List.of(vector("tpx_event_1.0.bin"), vector("tpx_event_1.1.bin"));
        assertThat(converter.convertTo(Event.class, frames).array()).isPresent();
    }

    @Test
    void specificKindsConvertAndAMismatchSaysWhat() {
        var converter = context.getTypeConverter();

        assertThat(converter.convertTo(Start.class, vector("sas_start_1.bin")).data()).containsEntry("run_id", "00000001");
        assertThat(converter.convertTo(Event.class, vector("sas_event_1_uint8.bin")).metadata()).containsEntry("frame_number", 3L);
        assertThat(converter.convertTo(Stop.class, vector("sas_stop_1.bin")).data()).containsEntry("num_frames", 5L);
        assertThatThrownBy(() -> converter.mandatoryConvertTo(Event.class, vector("sas_stop_1.bin")))
                .isInstanceOf(TypeConversionException.class)
                .hasStackTraceContaining("expected a event message, got a stop");
    }

    @Test
    void messagesConvertBackToTheSendersBytesAndToJson() {
        byte[] bytes = vector("sas_event_1_int32.bin");
        Event event = context.getTypeConverter().convertTo(Event.class, bytes);
        var converter = context.getTypeConverter();

        assertThat(converter.convertTo(byte[].class, event)).isEqualTo(bytes);
        assertThat(converter.convertTo(ByteBuffer.class, event)).isEqualTo(ByteBuffer.wrap(bytes));
        Start start = new Start(Map.of("run_id", "7"));
        assertThat(converter.convertTo(String.class, start)).isEqualTo("{\"msg_type\":\"start\",\"run_id\":\"7\"}");
        assertThat(converter.convertTo(ArroyoMessage.class, "{\"msg_type\":\"start\",\"run_id\":\"7\"}")).isEqualTo(start);
        List<?> frames = converter.convertTo(List.class, Event.of(Map.of("n", 1), NdArray.ofDoubles(new double[] { 1, 2 })));
        assertThat(frames).hasSize(2);
    }

    @Test
    void aMessagePassedOnUnchangedIsPublishedAsTheSendersVeryBytes() {
        // a sender that writes 1 as an int64 (0xd3), where msgpack-python would write a one-byte fixint
        byte[] sent = { (byte) 0x82, (byte) 0xa8, 'm', 's', 'g', '_', 't', 'y', 'p', 'e', (byte) 0xa5, 'e', 'v', 'e', 'n',
            't', (byte) 0xa1, 'n', (byte) 0xd3, 0, 0, 0, 0, 0, 0, 0, 1 };
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(sent);
        Event event = exchange.getMessage().getBody(Event.class);
        exchange.getMessage().setBody(event);

        assertThat(exchange.getMessage().getBody(byte[].class)).as("unchanged: the bytes that came in").isSameAs(sent);
        exchange.getMessage().setBody(event.withMetadata(event.metadata()));
        assertThat(exchange.getMessage().getBody(byte[].class)).as("a new message is encoded")
                .isEqualTo(new byte[] { (byte) 0x82, (byte) 0xa8, 'm', 's', 'g', '_', 't', 'y', 'p', 'e', (byte) 0xa5, 'e', 'v',
                    'e', 'n', 't', (byte) 0xa1, 'n', 1 });
        assertThat(context.getTypeConverter().convertTo(byte[].class, event)).as("outside that exchange, encoded")
                .hasSize(19);
    }

    @Test
    void garbageFailsConversionWithTheDecodeProblem() {
        assertThatThrownBy(() -> context.getTypeConverter().mandatoryConvertTo(ArroyoMessage.class, new byte[] { (byte) 0x81, (byte) 0xa1 }))
                .isInstanceOf(TypeConversionException.class)
                .hasStackTraceContaining("ArroyoDecodeException");
    }
}
