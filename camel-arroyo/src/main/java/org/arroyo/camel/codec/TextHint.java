package org.arroyo.camel.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * What to tell a user whose bytes are not the expected binary message but look like text: text in
 * a msgpack pipeline is almost always a sender of another convention (JSON) or a stray text message.
 */
final class TextHint {

    /** How much of the input is looked at, and quoted. */
    private static final int LOOK = 64;
    private static final int QUOTE = 24;

    private TextHint() {
    }

    /** {@code ": the bytes look like JSON text: use format json (or json+raw)"}, a quote of plain text, or "". */
    static String of(ByteBuffer input) {
        String text = printableUtf8(input);
        if (text == null || text.isBlank()) {
            return "";
        }
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return "; the bytes look like JSON text: use format json (or json+raw for ArroyoXPS)";
        }
        String line = start.lines().findFirst().orElse("").strip();
        String quote = line.length() > QUOTE ? line.substring(0, QUOTE) + "..." : line;
        return "; the bytes look like UTF-8 text (\"" + quote + "\"), not msgpack";
    }

    /** The first bytes as text when they are valid UTF-8 without control characters (but white space), else null. */
    private static String printableUtf8(ByteBuffer input) {
        ByteBuffer head = input.duplicate();
        boolean whole = head.remaining() <= LOOK;
        head.limit(head.position() + Math.min(head.remaining(), LOOK));
        CharBuffer chars = CharBuffer.allocate(LOOK);
        // malformed bytes are reported; a character cut by the window's end is not, unless the input ends there
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(head, chars, whole);
        if (result.isError() || whole && head.hasRemaining()) {
            return null;
        }
        String text = chars.flip().toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                return null;
            }
        }
        return text;
    }
}
