package org.arroyo.camel.streampy;

/**
 * A command of stream-py's message-queue protocol, as the text inside one LHHTTT frame:
 * {@code PUT:<message>} (everything after the first colon is the message, colons included),
 * {@code GET} or {@code SIZE}.
 */
public sealed interface QueueCommand {

    /** The command's text, as sent inside a frame. */
    String text();

    /** Adds a message at the tail of the queue. */
    record Put(String message) implements QueueCommand {
        @Override
        public String text() {
            return "PUT:" + message;
        }
    }

    /** Takes the oldest message; the reply is the empty text when the queue is empty. */
    record Get() implements QueueCommand {
        @Override
        public String text() {
            return "GET";
        }
    }

    /** Asks for the number of queued messages. */
    record Size() implements QueueCommand {
        @Override
        public String text() {
            return "SIZE";
        }
    }

    QueueCommand GET = new Get();
    QueueCommand SIZE = new Size();

    /**
     * The command a frame's text holds.
     *
     * @throws IllegalArgumentException saying what is wrong with an unknown or malformed command
     */
    static QueueCommand parse(String text) {
        int colon = text.indexOf(':');
        String verb = colon < 0 ? text : text.substring(0, colon);
        switch (verb) {
            case "PUT":
                if (colon < 0) {
                    throw new IllegalArgumentException("PUT needs its message after a colon: PUT:<message>");
                }
                return new Put(text.substring(colon + 1));
            case "GET":
            case "SIZE":
                if (colon >= 0) {
                    throw new IllegalArgumentException(verb + " takes no argument, got '" + abbreviate(text) + "'");
                }
                return verb.equals("GET") ? GET : SIZE;
            default:
                throw new IllegalArgumentException("unknown command '" + abbreviate(text)
                        + "', expected PUT:<message>, GET or SIZE");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
