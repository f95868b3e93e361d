package org.arroyo.camel.zocalo.rabbitmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.ZocaloConstants;

/**
 * Zocalo's dead-letter tools: {@link #export} drains a dead-letter queue into JSON files (the
 * layout of {@code zocalo.dlq_purge}: {@code exported}, {@code header}, {@code message}), each
 * message acknowledged only once its file is written; {@link #reinject} sends a file's message
 * back to the queue it died on (its first {@link ZocaloConstants#X_DEATH x-death} entry) with header
 * {@link ZocaloConstants#DLQ_REINJECTED dlq-reinjected}.
 */
public final class DeadLetterQueues {

    /** How a body that is not JSON is kept: {@code text} or {@code base64}. */
    public static final String MESSAGE_FORMAT = "message-format";

    /** Headers that describe a delivery, not the message: not sent again. */
    private static final Set<String> DELIVERY_HEADERS = Set.of("message-id", "routing_key", "redelivered", "exchange",
            "consumer_tag", "delivery_mode", ZocaloConstants.X_DEATH, "x-first-death-exchange", "x-first-death-queue",
            "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final ConfirmedPublisher publisher;

    DeadLetterQueues(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** Moves every message of {@code queue} into a file under {@code directory/<date>/}; returns the files. */
    public List<Path> export(String queue, Path directory) {
        return publisher.execute(channel -> {
            List<Path> files = new ArrayList<>();
            for (GetResponse message = channel.basicGet(queue, false); message != null; message = channel.basicGet(queue, false)) {
                long tag = message.getEnvelope().getDeliveryTag();
                try {
                    files.add(write(queue, message, directory));
                } catch (IOException | RuntimeException e) {
                    channel.basicNack(tag, false, true);
                    throw e;
                }
                channel.basicAck(tag, false);
            }
            return files;
        });
    }

    /** Sends the message of an exported file to {@code destinationQueue}, or to where it died when null. */
    @SuppressWarnings("unchecked")
    public void reinject(Path file, String destinationQueue) {
        Map<String, Object> exported = RecipeJson.parseObject(read(file), "dead letter file " + file);
        if (!(exported.get("header") instanceof Map<?, ?> header) || !exported.containsKey("message")) {
            throw new IllegalArgumentException(file + " is not an exported dead letter: it needs header and message");
        }
        String queue = destinationQueue != null ? destinationQueue : originalQueue(file, (Map<String, Object>) header);
        Map<String, Object> headers = new LinkedHashMap<>();
        header.forEach((name, value) -> {
            if (!DELIVERY_HEADERS.contains(name)) {
                headers.put((String) name, value);
            }
        });
        headers.put(ZocaloConstants.DLQ_REINJECTED, "True");
        publisher.publish(List.of(new AmqpPublish("", queue, true, headers, null,
                body(exported.get("message"), exported.get(MESSAGE_FORMAT)))));
    }

    private static String originalQueue(Path file, Map<String, Object> header) {
        if (header.get(ZocaloConstants.X_DEATH) instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death && death.get("queue") instanceof String queue) {
            return queue;
        }
        throw new IllegalArgumentException(file + " has no x-death header naming the queue the message died on:"
                + " give the destination queue");
    }

    private static Path write(String queue, GetResponse message, Path directory) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, Object> amqpHeaders = message.getProps().getHeaders();
        if (amqpHeaders != null) {
            amqpHeaders.forEach((name, value) -> header.put(name, json(value)));
        }
        String messageId = message.getProps().getMessageId();
        header.put("message-id", messageId != null ? messageId : message.getEnvelope().getDeliveryTag());
        header.put("routing_key", message.getEnvelope().getRoutingKey());
        header.put("exchange", message.getEnvelope().getExchange());
        header.put("redelivered", message.getEnvelope().isRedeliver());
        header.put("delivery_mode", message.getProps().getDeliveryMode());

        LocalDateTime now = LocalDateTime.now();
        Map<String, Object> exported = new LinkedHashMap<>();
        exported.put("exported", Map.of("date", now.format(DAY), "time", now.format(DateTimeFormatter.ofPattern("HH:mm:ss"))));
        exported.put("header", header);
        putMessage(exported, message.getBody());

        LocalDateTime died = LocalDateTime.ofInstant(deathTime(amqpHeaders), ZoneId.systemDefault());
        Path dir = Files.createDirectories(directory.resolve(died.format(DAY)));
        String name = "msg-" + died.format(STAMP) + "-" + queue.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + UUID.randomUUID();
        Path partial = Files.writeString(dir.resolve(name + ".partial"), RecipeJson.writePretty(exported));
        return Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The body as JSON when it is JSON, else as text or base64 with {@link #MESSAGE_FORMAT} saying which. */
    private static void putMessage(Map<String, Object> exported, byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
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

    private static Instant deathTime(Map<String, Object> headers) {
        if (headers != null && headers.get(ZocaloConstants.X_DEATH) instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death && death.get("time") instanceof Date time) {
            return time.toInstant();
        }
        return Instant.now();
    }

    /** AMQP field values as JSON: long strings as text, timestamps as epoch seconds (as Python writes them). */
    private static Object json(Object value) {
        if (value instanceof LongString text) {
            return text.toString();
        } else if (value instanceof Date date) {
            return BigDecimal.valueOf(date.getTime()).movePointLeft(3).doubleValue();
        } else if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        } else if (value instanceof List<?> list) {
            return list.stream().map(DeadLetterQueues::json).toList();
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), json(v)));
            return converted;
        }
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead letter file " + file, e);
        }
    }
}
