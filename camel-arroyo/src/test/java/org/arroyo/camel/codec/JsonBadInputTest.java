package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.arroyo.camel.codec.MsgpackBadInputTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** ArroyoXPS JSON that is not a message, and images that do not fit their run, are refused precisely. */
class JsonBadInputTest {

    private static final String START = """
            {"msg_type": "start", "data_type": "U16", "Rectangle": {"Left": 0, "Top": 0, "Right": 8, "Bottom": 4}}""";

    private final MessageCodec json = WireFormat.JSON.codec();

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private ArroyoDecodeException refusedJson(String text) {
        return refused(() -> json.decode(utf8(text)));
    }

    @Test
    void malformedJsonIsRefusedAtItsOffset() {
        assertThat(refusedJson("{\"msg_type\": \"start\", \"run\": }"))
                .hasMessageStartingWith("malformed JSON: Unexpected character ('}'")
                .hasMessageEndingWith("(at byte offset 29)");
        assertThat(refusedJson("{\"msg_type\": \"start\", ")).hasMessageStartingWith("malformed JSON: Unexpected end-of-input")
                .hasMessageEndingWith("(at byte offset 22)");
        assertThat(refusedJson("{\"msg_type\": \"start\", \"x\": NaN}"))
                .hasMessageStartingWith("malformed JSON: Non-standard token 'NaN'");
        ArroyoDecodeException invalidUtf8 = refused(() -> json.decode(new byte[] { '{', '"', (byte) 0xff, '"', ':', '1', '}' }));
        assertThat(invalidUtf8).hasMessageStartingWith("malformed JSON: Invalid UTF-8 start byte 0xff");
        assertThat(invalidUtf8.offset()).as("Jackson reports where it stopped, just after the byte").isBetween(2L, 4L);
    }

    @Test
    void anythingButAnObjectIsRefused() {
        assertThat(refusedJson("[1, 2]")).hasMessage("expected a JSON object, found an array");
        assertThat(refusedJson("42")).hasMessage("expected a JSON object, found a number");
        assertThat(refusedJson("\"start\"")).hasMessage("expected a JSON object, found a string");
        assertThat(refusedJson("true")).hasMessage("expected a JSON object, found a boolean");
        assertThat(refusedJson("null")).hasMessage("expected a JSON object, found null");
        assertThat(refusedJson(" ")).hasMessageStartingWith("malformed JSON: No content to map due to end-of-input");
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        assertThat(refusedJson("{\"msg_type\": \"stop\"} {\"msg_type\": \"start\"}"))
                .hasMessageStartingWith("malformed JSON: Trailing token (of type START_OBJECT) found after value")
                .hasMessageEndingWith("(at byte offset 21)");
        assertThat(json.decode(utf8("{\"msg_type\": \"stop\"}\n")).type()).isEqualTo(MessageType.STOP);
    }

    @Test
    void nestingDeeperThan64LevelsIsRefused() {
        assertThat(json.decode(utf8(nested(64)))).isNotNull();

        assertThat(refusedJson(nested(65)))
                .hasMessageStartingWith("malformed JSON: Document nesting depth (65) exceeds the maximum allowed (64");
        assertThat(refusedJson("{\"msg_type\": \"start\", \"a\": " + "[".repeat(1_000_000)))
                .hasMessageStartingWith("malformed JSON: Document nesting depth (65) exceeds the maximum allowed (64");
    }

    /** A start object with {@code depth} objects nested in it. */
    private static String nested(int depth) {
        return "{\"msg_type\": \"start\", \"a\": " + "{\"a\": ".repeat(depth - 1) + "1" + "}".repeat(depth);
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(refusedJson("{\"msg_type\": \"start\", \"run\": 1, \"run\": 2}"))
                .hasMessageStartingWith("malformed JSON: Duplicate field 'run'");
    }

    @Test
    void msgTypeAndFrameCountAreChecked() {
        assertThat(refusedJson("{\"Frame Number\": 1}")).hasMessage("no msg_type field");
        assertThat(refusedJson("{\"msg_type\": 1}")).hasMessage("msg_type is a Long, expected a string");
        assertThat(refused(() -> json.decode(List.of(utf8("{\"msg_type\": \"stop\"}"), utf8("x")))))
                .hasMessage("json stop messages have 1 frame, got 2");
    }

    private static ArroyoDecodeException refusedImage(String start, int imageBytes) {
        JsonImageAssembler assembler = new JsonImageAssembler();
        assembler.accept(utf8(start));
        assertThat(assembler.accept(utf8("{\"msg_type\": \"event\", \"Frame Number\": 1}"))).isEmpty();
        return refused(() -> assembler.accept(ByteBuffer.allocate(imageBytes)));
    }

    @Test
    void anImageOfAnotherSizeThanTheStartSaysIsRefused() {
        assertThat(refusedImage(START, 63)).hasMessage("image has 63 bytes but the start's data_type U16 and Rectangle need 64");
        assertThat(refusedImage(START.replace("U16", "DBL"), 64))
                .hasMessage("image has 64 bytes but the start's data_type DBL and Rectangle need 256");
    }

    @Test
    void anUnknownLabviewTypeIsRefused() {
        assertThat(refusedImage(START.replace("U16", "CXT"), 64))
                .hasMessageStartingWith("start's data_type CXT is not a LabVIEW numeric type [");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Rectangle\": 5|start has no Rectangle map giving the image geometry",
            "\"Rectangle\": {\"Left\": 0, \"Top\": 5, \"Right\": 8, \"Bottom\": 4}|"
                    + "start's Rectangle {Left=0, Top=5, Right=8, Bottom=4} has a negative size",
            "\"Rectangle\": {\"Left\": 0.5, \"Top\": 0, \"Right\": 8, \"Bottom\": 4}|"
                    + "Rectangle.Left must be a non-negative integer, got 0.5",
            "\"Rectangle\": {\"Top\": 0, \"Right\": 8, \"Bottom\": 4}|Rectangle.Left must be a non-negative integer, got null" })
    void aRectangleThatGivesNoImageSizeIsRefused(String rectangle, String problem) {
        String start = START.replaceFirst("\"Rectangle\": \\{[^}]*}", rectangle);

        assertThat(refusedImage(start, 64)).hasMessage(problem);
    }

    @Test
    void theStreamGoesOnAfterARefusedImage() {
        JsonImageAssembler assembler = new JsonImageAssembler();
        assembler.accept(utf8(START));
        assembler.accept(utf8("{\"msg_type\": \"event\", \"Frame Number\": 1}"));
        refused(() -> assembler.accept(ByteBuffer.allocate(3)));

        assertThat(assembler.awaitingImage()).isFalse();
        assembler.accept(utf8("{\"msg_type\": \"event\", \"Frame Number\": 2}"));
        Event event = (Event) assembler.accept(ByteBuffer.allocate(64)).orElseThrow();
        assertThat(event.metadata()).containsEntry("Frame Number", 2L);
        assertThat(event.array().orElseThrow().shape()).containsExactly(4, 8);
    }
}
