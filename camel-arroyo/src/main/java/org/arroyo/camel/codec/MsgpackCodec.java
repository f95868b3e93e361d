package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.internal.ArrayField;
import org.arroyo.camel.message.internal.MapBuilder;

/**
 * The arroyosas convention: one msgpack map per message, {@code msg_type} first; an event's array
 * is a {@code {data: bin, dtype: str, shape: [..]}} map under {@code image.array}, or directly under
 * {@code image} in older senders. Events without such a map keep all their fields as metadata.
 */
public final class MsgpackCodec implements MessageCodec {

    private static final String IMAGE = "image";
    private static final String ARRAY = "array";
    private static final String DATA = "data";
    private static final String DTYPE = "dtype";
    private static final String SHAPE = "shape";

    @Override
    public ArroyoMessage decode(List<ByteBuffer> frames) {
        MessageCodec.requireFrames(frames, 1, 1, "msgpack");
        return decode(frames.get(0));
    }

    @Override
    public ArroyoMessage decode(ByteBuffer frame) {
        MapBuilder fields = MsgpackReader.readMap(frame);
        MessageType type = WireMaps.takeMessageType(fields);
        return type == MessageType.EVENT ? event(fields) : WireMaps.startOrStop(type, fields.build());
    }

    private static Event event(MapBuilder fields) {
        if (!(fields.get(IMAGE) instanceof Map<?, ?> image)) {
            return Event.of(fields.build());
        }
        ArrayField place;
        Map<?, ?> description;
        if (image.size() == 1 && image.get(ARRAY) instanceof Map<?, ?> nested && isArrayDescription(nested)) {
            place = ArrayField.IMAGE_ARRAY;
            description = nested;
        } else if (isArrayDescription(image)) {
            place = ArrayField.IMAGE;
            description = image;
        } else {
            return Event.of(fields.build());
        }
        int position = fields.indexOf(IMAGE);
        fields.remove(IMAGE);
        if (!(description.get(DATA) instanceof ByteBuffer data)) {
            throw new ArroyoDecodeException(place.dotted() + ".data must be binary", -1);
        }
        NdArray array = WireMaps.array(place::dotted, description.get(DTYPE), description.get(SHAPE), data);
        return Event.of(fields.build(), array, place.at(position));
    }

    private static boolean isArrayDescription(Map<?, ?> map) {
        return map.size() == 3 && map.containsKey(DATA) && map.containsKey(DTYPE) && map.containsKey(SHAPE);
    }

    @Override
    public List<byte[]> encode(ArroyoMessage message) {
        return List.of(encodeFrame(message));
    }

    @Override
    public byte[] encodeFrame(ArroyoMessage message) {
        MsgpackWriter writer = new MsgpackWriter();
        write(writer, message);
        return writer.toByteArray();
    }

    /**
     * Several messages as one msgpack array of their maps, each as {@link #encodeFrame} writes it: what a batch of
     * events is when it is sent as one message.
     */
    public byte[] encodeArray(List<? extends ArroyoMessage> messages) {
        MsgpackWriter writer = new MsgpackWriter().arrayHeader(messages.size());
        messages.forEach(message -> write(writer, message));
        return writer.toByteArray();
    }

    private static void write(MsgpackWriter writer, ArroyoMessage message) {
        if (message instanceof Event event) {
            writeEvent(writer, event);
        } else {
            writeMap(writer, message.type(), WireMaps.data(message));
        }
    }

    private static void writeMap(MsgpackWriter writer, MessageType type, Map<String, Object> fields) {
        WireMaps.requireNoTypeField(fields);
        writer.mapHeader(fields.size() + 1).entry(WireMaps.MSG_TYPE, type.wireName());
        fields.forEach(writer::entry);
    }

    private static void writeEvent(MsgpackWriter writer, Event event) {
        NdArray array = event.array().orElse(null);
        if (array == null) {
            if (event.hasPayload()) {
                throw new IllegalArgumentException("the msgpack convention carries an event's payload as an array: "
                        + "give the event an NdArray, or use the multipart or raw convention for opaque bytes");
            }
            writeMap(writer, MessageType.EVENT, event.metadata());
            return;
        }
        Map<String, Object> fields = event.metadata();
        WireMaps.requireNoTypeField(fields);
        ArrayField place = event.arrayField();
        if (fields.containsKey(place.path().get(0))) {
            throw new IllegalArgumentException("metadata field '" + place.path().get(0) + "' collides with the array field "
                    + place.dotted());
        }
        int position = place.position();
        writer.mapHeader(fields.size() + 2).entry(WireMaps.MSG_TYPE, MessageType.EVENT.wireName());
        int index = 0;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (index++ == position) {
                writeArray(writer, place, array);
            }
            writer.entry(field.getKey(), field.getValue());
        }
        if (position == fields.size()) {
            writeArray(writer, place, array);
        }
    }

    private static void writeArray(MsgpackWriter writer, ArrayField place, NdArray array) {
        List<String> path = place.path();
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                writer.mapHeader(1);
            }
            writer.string(path.get(i));
        }
        writer.mapHeader(3)
                .string(DATA).binary(array.data())
                .entry(DTYPE, array.dtype().numpySpelling(array.byteOrder()))
                .entry(SHAPE, WireMaps.shapeValue(array));
    }
}
