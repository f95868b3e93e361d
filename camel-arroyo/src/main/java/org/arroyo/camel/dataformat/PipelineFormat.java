package org.arroyo.camel.dataformat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.arroyo.camel.operator.Batch;

/**
 * The wire convention a pipeline's listener reads and its publishers write, by the names the pipeline forms use:
 * {@code msgpack} (the default), {@code json}, {@code json+raw}, {@code multipart}, {@code raw}, {@code lhhttt}.
 * Each is done by the codecs ({@link WireFormat}, {@link Lhhttt}); this says how a stream of Camel messages carries
 * them.
 */
public enum PipelineFormat {

    /** arroyosas: one msgpack map per message, read and written by the type converters where a message or bytes are needed. */
    MSGPACK("msgpack", WireFormat.MSGPACK),
    /** ArroyoXPS / LabVIEW without images: one JSON map per message (an event and its image in one two-frame message). */
    JSON("json", WireFormat.JSON),
    /** ArroyoXPS / LabVIEW: JSON maps; an event's image is the next, separate message. */
    JSON_RAW("json+raw", WireFormat.JSON),
    /** timepix: an event is one message of two frames, a msgpack header and the raw array bytes. */
    MULTIPART("multipart", WireFormat.MULTIPART),
    /** each message is the payload of an event without metadata. */
    RAW("raw", WireFormat.RAW),
    /** stream-py: each message is one LHHTTT-framed text, the payload of an event without metadata (in UTF-8). */
    LHHTTT("lhhttt", null);

    private final String formatName;
    /** the codec's convention; none for lhhttt, which frames a text (Lhhttt) */
    private final WireFormat wire;

    PipelineFormat(String formatName, WireFormat wire) {
        this.formatName = formatName;
        this.wire = wire;
    }

    /**
     * The format of this name.
     *
     * @throws IllegalArgumentException naming the formats when it is none of them
     */
    public static PipelineFormat fromName(String name) {
        for (PipelineFormat format : values()) {
            if (format.formatName.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "', expected one of "
                + Arrays.stream(values()).map(PipelineFormat::toString).collect(Collectors.joining(", ")));
    }

    /** The name the pipeline forms write, e.g. {@code json+raw}. */
    @Override
    public String toString() {
        return formatName;
    }

    /**
     * A step that reads one stream of this format into messages (one per stream: {@code json+raw} pairs each event
     * header with the image that follows it). It sets the {@value ArroyoConstants#MESSAGE_TYPE} header; an exchange
     * that completes no message, such as an event header awaiting its image, stops there.
     */
    public Processor reader() {
        return switch (this) {
            case MSGPACK -> exchange -> exchange.getMessage().setBody(exchange.getMessage().getMandatoryBody(ArroyoMessage.class));
            case JSON_RAW -> new JsonImagePairing();
            case LHHTTT -> PipelineFormat::readText;
            default -> unmarshalling(new ArroyoDataFormat(wire));
        };
    }

    /** The data format's unmarshalling of each message, as a step (one message of several frames: a {@code List} body). */
    private static Processor unmarshalling(ArroyoDataFormat dataFormat) {
        return exchange -> exchange.getMessage().setBody(dataFormat.unmarshal(exchange, exchange.getMessage().getBody()));
    }

    /** stream-py's text as an event, as the streampy component delivers it. */
    private static void readText(Exchange exchange) throws Exception {
        String text = Lhhttt.decode(ByteBuffer.wrap(exchange.getMessage().getMandatoryBody(byte[].class)));
        exchange.getMessage().setBody(Event.of(Map.of(), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        exchange.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, MessageType.EVENT.wireName());
    }

    /**
     * What a publisher sends for a body: for a message, its wire messages in this format, in order; any other body
     * (bytes) as it is. In msgpack a message or a {@link Batch} is sent as it is: the endpoint's type converters write
     * it (a batch as one msgpack array of its events); the other formats have no array, so a batch is sent as the wire
     * messages of each of its events, one by one.
     *
     * @throws IllegalArgumentException when the message cannot be written in this format
     */
    public List<Object> wireMessages(Object body) {
        if (this != MSGPACK && body instanceof Batch batch) {
            List<Object> messages = new ArrayList<>();
            batch.events().forEach(event -> messages.addAll(wireMessages(event)));
            return messages;
        }
        if (this == MSGPACK || !(body instanceof ArroyoMessage message)) {
            return List.of(body);
        }
        return encode(message).stream().<Object>map(frame -> new WireMessage(message, frame)).toList();
    }

    /** The bodies a message is sent as: one per wire message, a multipart message as its {@code List<byte[]>} of frames. */
    public List<Object> encode(ArroyoMessage message) {
        return switch (this) {
            case MSGPACK, JSON, RAW -> List.of(wire.codec().encodeFrame(message));
            case JSON_RAW -> List.copyOf(wire.codec().encode(message));
            case MULTIPART -> {
                List<byte[]> frames = wire.codec().encode(message);
                yield List.of(frames.size() == 1 ? frames.get(0) : frames);
            }
            case LHHTTT -> List.of(Lhhttt.encode(text(message)));
        };
    }

    private static String text(ArroyoMessage message) {
        if (!(message instanceof Event event)) {
            throw new IllegalArgumentException("the lhhttt convention carries only events' texts, not a " + message.type().wireName());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(event.payload()).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the lhhttt convention carries UTF-8 texts; this event's payload is not one", e);
        }
    }
}
