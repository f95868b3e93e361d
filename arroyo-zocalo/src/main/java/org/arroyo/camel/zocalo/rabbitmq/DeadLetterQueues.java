package org.arroyo.camel.zocalo.rabbitmq;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import org.arroyo.camel.zocalo.DeadLetterFile;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.camel.zocalo.ZocaloQueues;

/**
 * Zocalo's operator tools on RabbitMQ: {@link #export} drains a dead-letter queue
 * ({@code dlq.<queue>}) into {@link DeadLetterFile}s, each message acknowledged only once its file
 * is written; {@link #reinject} sends a file's message back to the queue it died on (its first
 * {@link ZocaloConstants#X_DEATH x-death} entry) with header {@link ZocaloConstants#DLQ_REINJECTED
 * dlq-reinjected}; {@link #send} and {@link #drain} as {@code zocalo.go} and {@code zocalo.queue_drain}.
 */
public final class DeadLetterQueues implements ZocaloQueues {

    /** Headers that describe a delivery, not the message: not sent again. */
    private static final Set<String> DELIVERY_HEADERS = Set.of("message-id", "routing_key", "redelivered", "exchange",
            "consumer_tag", "delivery_mode", ZocaloConstants.X_DEATH, "x-first-death-exchange", "x-first-death-queue",
            "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason");

    private final ConfirmedPublisher publisher;

    DeadLetterQueues(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** {@code dlq.<queue>}, as Zocalo deployments declare it. */
    @Override
    public String deadLetterQueue(String queue) {
        return "dlq." + queue;
    }

    @Override
    public long count(String queue) {
        return publisher.execute(channel -> channel.queueDeclarePassive(queue).getMessageCount());
    }

    /** Moves every message of {@code queue} into a file under {@code directory/<date>/}; returns the files. */
    @Override
    public List<Path> export(String queue, Path directory) {
        return publisher.execute(channel -> {
            List<Path> files = new ArrayList<>();
            for (GetResponse message = channel.basicGet(queue, false); message != null; message = channel.basicGet(queue, false)) {
                long tag = message.getEnvelope().getDeliveryTag();
                try {
                    Map<String, Object> amqpHeaders = message.getProps().getHeaders();
                    files.add(new DeadLetterFile(header(message), message.getBody())
                            .write(directory, deathTime(amqpHeaders), queue + "-" + UUID.randomUUID()));
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
    @Override
    public void reinject(Path file, String destinationQueue) {
        DeadLetterFile dead = DeadLetterFile.read(file);
        String queue = destinationQueue != null ? destinationQueue : originalQueue(file, dead.header());
        Map<String, Object> headers = new LinkedHashMap<>();
        dead.header().forEach((name, value) -> {
            if (!DELIVERY_HEADERS.contains(name)) {
                headers.put(name, value);
            }
        });
        headers.put(ZocaloConstants.DLQ_REINJECTED, "True");
        send(queue, headers, dead.body());
    }

    @Override
    public void send(String queue, Map<String, Object> headers, byte[] body) {
        publisher.publish(List.of(new AmqpPublish("", queue, true, headers, null, body)));
    }

    /** Moves the messages one by one, each acknowledged on {@code source} once the broker confirmed it on {@code destination}. */
    @Override
    public long drain(String source, String destination) {
        return publisher.execute(channel -> {
            long moved = 0;
            for (GetResponse message = channel.basicGet(source, false); message != null; message = channel.basicGet(source, false)) {
                AMQP.BasicProperties properties = message.getProps();
                send(destination, properties.getHeaders() == null ? Map.of() : properties.getHeaders(), message.getBody());
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
            return moved;
        });
    }

    private static Map<String, Object> header(GetResponse message) {
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
        return header;
    }

    private static String originalQueue(Path file, Map<String, Object> header) {
        if (header.get(ZocaloConstants.X_DEATH) instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death && death.get("queue") instanceof String queue) {
            return queue;
        }
        throw new IllegalArgumentException(file + " has no x-death header naming the queue the message died on:"
                + " give the destination queue");
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
}
