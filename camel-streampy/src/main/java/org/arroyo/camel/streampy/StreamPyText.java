package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/**
 * stream-py messages are texts; in a pipeline each is an {@link Event} whose payload is the text in
 * UTF-8, without metadata (the raw convention). An operator that chooses the output, as a
 * stream-py function returning {@code (choice, message)}, sets the {@value #CHOICE} field
 * (partition with {@code Partitioner.byChoice(StreamPyText.CHOICE)}).
 */
public final class StreamPyText {

    /** The metadata field holding a stream-py choice. */
    public static final String CHOICE = "choice";

    private StreamPyText() {
    }

    /** The event carrying a text. */
    public static Event event(String text) {
        return Event.of(Map.of(), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event carrying a text, sent to output {@code choice mod N}. */
    public static Event event(long choice, String text) {
        return Event.of(Map.of(CHOICE, choice), ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The text an event carries.
     *
     * @throws IllegalArgumentException when its payload is not UTF-8
     */
    public static String text(Event event) {
        return utf8(event.payload());
    }

    /**
     * The text of a message body: a text, an event's payload, or UTF-8 bytes.
     *
     * @throws IllegalArgumentException for a start or stop (stream-py has no runs) or invalid UTF-8
     */
    public static String text(Object body) {
        if (body instanceof String text) {
            return text;
        }
        if (body instanceof Event event) {
            return text(event);
        }
        if (body instanceof ArroyoMessage message) {
            throw new IllegalArgumentException("stream-py carries the texts of events; a " + message.type().wireName()
                    + " has none");
        }
        if (body instanceof byte[] bytes) {
            return utf8(ByteBuffer.wrap(bytes));
        }
        throw new IllegalArgumentException("stream-py carries text: expected a String, an Event or UTF-8 bytes, got "
                + (body == null ? "no body" : body.getClass().getName()));
    }

    private static String utf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("stream-py texts are UTF-8; these " + bytes.limit() + " bytes are not", e);
        }
    }
}
