package org.arroyo.camel.zocalo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dead letter in a file, in the layout of {@code zocalo.dlq_purge}: {@code exported} (date and
 * time), {@code header} (the broker's headers of the message) and {@code message} (the body, as
 * JSON when it is JSON, else as text or base64 with {@link #MESSAGE_FORMAT} saying which). Files
 * written by {@code zocalo.dlq_purge} are read the same way.
 */
public record DeadLetterFile(Map<String, Object> header, byte[] body) {

    /** How a body that is not JSON is kept: {@code text} or {@code base64}. */
    public static final String MESSAGE_FORMAT = "message-format";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /**
     * Writes the file {@code directory/<day it died>/msg-<time it died>-<id>} (atomically: a reader never
     * sees half of it) and returns it.
     */
    public Path write(Path directory, Instant died, String id) throws IOException {
        LocalDateTime now = LocalDateTime.now();
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("exported", Map.of("date", now.format(DAY), "time", now.format(DateTimeFormatter.ofPattern("HH:mm:ss"))));
        exported.put("header", header);
        putMessage(exported, body);

        LocalDateTime when = LocalDateTime.ofInstant(died, ZoneId.systemDefault());
        Path dir = Files.createDirectories(directory.resolve(when.format(DAY)));
        String name = "msg-" + when.format(STAMP) + "-" + id.replaceAll("[^A-Za-z0-9._-]+", "_");
        Path partial = Files.writeString(dir.resolve(name + ".partial"), RecipeJson.writePretty(exported));
        return Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads an exported dead letter; a file that is not one fails with what is wrong, in one line. */
    public static DeadLetterFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead letter file " + file + ": " + e, e);
        }
        Map<String, Object> exported;
        try {
            exported = RecipeJson.parseObject(text, "dead letter file " + file);
        } catch (RecipeException e) {
            throw new IllegalArgumentException(file + " is not an exported dead letter: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(exported.get("header") instanceof Map<?, ?> header) || header.isEmpty() || !exported.containsKey("message")) {
            throw new IllegalArgumentException(file + " is not an exported dead letter: it needs header and message");
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        header.forEach((name, value) -> headers.put(String.valueOf(name), value));
        return new DeadLetterFile(headers, body(exported.get("message"), exported.get(MESSAGE_FORMAT)));
    }

    private static void putMessage(Map<String, Object> exported, byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            try {
                exported.put("message", RecipeJson.parse(text));
            } catch (IllegalArgumentException notJson) {
                exported.put("message", text);
                exported.put(MESSAGE_FORMAT, "text");
            }
        } catch (CharacterCodingException notText) {
            exported.put("message", Base64.getEncoder().encodeToString(body));
            exported.put(MESSAGE_FORMAT, "base64");
        }
    }

    private static byte[] body(Object message, Object format) {
        if ("text".equals(format)) {
            return ((String) message).getBytes(StandardCharsets.UTF_8);
        } else if ("base64".equals(format)) {
            return Base64.getDecoder().decode((String) message);
        }
        return RecipeJson.write(message).getBytes(StandardCharsets.UTF_8);
    }
}
