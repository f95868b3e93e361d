package org.arroyo.camel.dataformat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Dataformat;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * The {@code arroyo} data format: unmarshals the bytes (or multipart frames, a {@code List} of
 * {@code byte[]}) of one wire convention to an {@link ArroyoMessage} and marshals it back.
 * Unmarshalling sets the {@value ArroyoConstants#MESSAGE_TYPE} header.
 */
@Dataformat("arroyo")
@Configurer
@Metadata(label = "dataformat,transformation", title = "Arroyo",
          description = "Arroyo Start/Event/Stop messages in the msgpack, multipart, json or raw wire convention")
public class ArroyoDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    @Metadata(defaultValue = "msgpack", enums = "msgpack,multipart,json,raw",
              description = "The wire convention: msgpack (arroyosas), multipart (timepix), json (ArroyoXPS) or raw")
    private String format = WireFormat.MSGPACK.optionName();

    private MessageCodec codec = WireFormat.MSGPACK.codec();

    public ArroyoDataFormat() {
    }

    public ArroyoDataFormat(WireFormat format) {
        setFormat(format.optionName());
    }

    @Override
    public String getDataFormatName() {
        return "arroyo";
    }

    public String getFormat() {
        return format;
    }

    /**
     * @throws IllegalArgumentException naming the valid formats for an unknown one
     */
    public void setFormat(String format) {
        this.codec = WireFormat.fromName(format).codec();
        this.format = format;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        ArroyoMessage message = exchange.getContext().getTypeConverter().mandatoryConvertTo(ArroyoMessage.class, exchange, graph);
        stream.write(codec.encodeFrame(message));
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        ArroyoMessage message = codec.decode(frames(exchange, body));
        exchange.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
        return message;
    }

    private static List<ByteBuffer> frames(Exchange exchange, Object body) throws Exception {
        if (body instanceof List<?> list) {
            return list.stream().map(frame -> asBuffer(exchange, frame)).toList();
        }
        return List.of(asBuffer(exchange, body));
    }

    private static ByteBuffer asBuffer(Exchange exchange, Object frame) {
        if (frame instanceof ByteBuffer buffer) {
            return buffer;
        }
        return ByteBuffer.wrap(exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, frame));
    }
}
