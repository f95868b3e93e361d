package org.arroyo.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.test.infra.ActiveMqBroker;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code arroyo dlq check|purge|reinject}, {@code recipe send} and {@code queue drain} on the real
 * brokers: RabbitMQ on 127.0.0.1 and ActiveMQ embedded (its dead letters made by the broker itself).
 */
class ZocaloToolsCommandsTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();
    @RegisterExtension
    static final ActiveMqBroker ACTIVEMQ = new ActiveMqBroker();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String BODY = "{\"payload\": {\"file\": \"x.h5\"}, \"recipe-pointer\": 1}";

    @Test
    void rabbitMqDeadLetterIsCheckedPurgedToAFileAndReinjected(@TempDir Path dir) throws Exception {
        String queue = RABBITMQ.uniqueName("zocalo.cli");
        String deadLetters = RABBITMQ.declareQueueWithDeadLetters(queue);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
                    .headers(Map.of("workflows-recipe", true)).build(), BODY.getBytes(StandardCharsets.UTF_8));
            GetResponse failed = await(channel, queue);
            channel.basicReject(failed.getEnvelope().getDeliveryTag(), false);
        }

        ArroyoCliTest.Result check = arroyo("dlq", "check", queue);
        assertThat(check.exitCode()).as(check.err()).isEqualTo(1);
        assertThat(check.out().strip()).isEqualTo(deadLetters + ": 1");

        ArroyoCliTest.Result purge = arroyo("dlq", "purge", queue, "--directory", dir);
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        Path file = Path.of(purge.out().strip());
        Map<String, Object> exported = RecipeJson.parseObject(Files.readString(file), "file");
        assertThat(exported.get("message")).isEqualTo(RecipeJson.parse(BODY));
        assertThat(arroyo("dlq", "check", queue).exitCode()).isZero();

        assertThat(arroyo("dlq", "reinject", file).exitCode()).isZero();
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            GetResponse back = await(channel, queue);
            assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo(RecipeJson.write(RecipeJson.parse(BODY)));
            assertThat(back.getProps().getHeaders()).containsEntry("workflows-recipe", true)
                    .containsKey("dlq-reinjected").doesNotContainKey("x-death");
        }
    }

    @Test
    void activeMqDeadLetterIsCheckedPurgedToAFileAndReinjected(@TempDir Path dir) throws Exception {
        String queue = ACTIVEMQ.uniqueName("cli");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(ACTIVEMQ.openWireUrl());
        factory.getRedeliveryPolicy().setMaximumRedeliveries(0);
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(BODY.getBytes(StandardCharsets.UTF_8));
            message.setStringProperty("workflows-recipe", "True");
            session.createProducer(session.createQueue("zocalo." + queue)).send(message);
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("zocalo." + queue));
            assertThat(consumer.receive(TIMEOUT.toMillis())).isNotNull();
            session.rollback();
            consumer.close();
        }

        ArroyoCliTest.Result check = arroyo(activeMq("dlq", "check", queue));
        assertThat(check.exitCode()).as(check.err()).isEqualTo(1);
        assertThat(check.out().strip()).isEqualTo("DLQ.zocalo." + queue + ": 1");

        ArroyoCliTest.Result purge = arroyo(activeMq("dlq", "purge", queue, "--directory", dir));
        assertThat(purge.exitCode()).as(purge.err()).isZero();
        Path file = Path.of(purge.out().strip());
        Map<String, Object> exported = RecipeJson.parseObject(Files.readString(file), "file");
        assertThat(exported.get("message")).isEqualTo(RecipeJson.parse(BODY));
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) exported.get("header");
        assertThat(header).containsEntry("original-destination", "/queue/zocalo." + queue)
                .containsEntry("workflows-recipe", "True");
        assertThat(ACTIVEMQ.count("DLQ.zocalo." + queue)).isZero();

        assertThat(arroyo(activeMq("dlq", "reinject", file)).exitCode()).isZero();
        Message back = ACTIVEMQ.next("zocalo." + queue, TIMEOUT);
        assertThat(ActiveMqBroker.text(back)).isEqualTo(RecipeJson.write(RecipeJson.parse(BODY)));
        assertThat(back.getStringProperty("workflows-recipe")).isEqualTo("True");
        assertThat(back.getStringProperty("dlq-reinjected")).isEqualTo("True");
        assertThat(back.getStringProperty("original-destination")).isNull();
    }

    @Test
    void aFileThatIsNotADeadLetterIsAOneLineErrorAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good"), "{\"header\": {\"destination\": \"/queue/zocalo.x\"}, \"message\": 1}");
        Path bad = Files.writeString(dir.resolve("bad"), "{\"message\": {\"payload\": 1}}");

        ArroyoCliTest.Result result = arroyo(activeMq("dlq", "reinject", good, bad));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("arroyo: ").contains("bad is not an exported dead letter").doesNotContain("\n");
        assertThat(ACTIVEMQ.count("zocalo.x")).isZero();
    }

    @Test
    void recipeSendPutsZocaloGosRequestOnTheDispatchersQueue(@TempDir Path dir) throws Exception {
        Path custom = Files.writeString(dir.resolve("custom.json"), "{\"1\": {\"queue\": \"q\"}, \"start\": [[1, {}]]}");
        String dispatcher = ACTIVEMQ.uniqueName("processing_recipe");

        ArroyoCliTest.Result dry = arroyo(activeMq("recipe", "send", "per-image-analysis", custom, "-s", "ispyb_dcid=1001",
                "--queue", dispatcher, "--dry-run"));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(ACTIVEMQ.count("zocalo." + dispatcher)).isZero();

        ArroyoCliTest.Result sent = arroyo(activeMq("recipe", "send", "per-image-analysis", custom, "-s", "ispyb_dcid=1001",
                "--queue", dispatcher));
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        String request = "{\"recipes\": [\"per-image-analysis\"], \"parameters\": {\"ispyb_dcid\": \"1001\"},"
                + " \"custom_recipe\": {\"start\": [[1, {}]], \"1\": {\"queue\": \"q\"}}}";
        assertThat(dry.out().strip()).isEqualTo(request);
        Message message = ACTIVEMQ.next("zocalo." + dispatcher, TIMEOUT);
        assertThat(ActiveMqBroker.text(message)).isEqualTo(request);
        assertThat(message.getStringProperty("zocalo.go.user")).isEqualTo(System.getProperty("user.name"));

        ArroyoCliTest.Result invalid = arroyo(activeMq("recipe", "send", "x", "-s", "novalue", "--dry-run"));
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err().strip()).isEqualTo("arroyo: invalid parameter 'novalue': use KEY=VALUE");
    }

    @Test
    void queueDrainMovesEveryMessageWithItsHeadersOnBothBrokers() throws Exception {
        String source = RABBITMQ.declareUniqueQueue("zocalo.source");
        String destination = RABBITMQ.declareUniqueQueue("zocalo.destination");
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            for (int i = 0; i < 3; i++) {
                channel.basicPublish("", source, new AMQP.BasicProperties.Builder().headers(Map.of("n", i)).build(),
                        ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        ArroyoCliTest.Result rabbit = arroyo("queue", "drain", source, destination);
        assertThat(rabbit.exitCode()).as(rabbit.err()).isZero();
        assertThat(rabbit.out().strip()).isEqualTo("moved 3 messages from " + source + " to " + destination);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            GetResponse first = await(channel, destination);
            assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
            assertThat(first.getProps().getHeaders()).containsEntry("n", 0);
            assertThat(channel.queueDeclarePassive(source).getMessageCount()).isZero();
        }

        String amqSource = ACTIVEMQ.uniqueName("source");
        String amqDestination = ACTIVEMQ.uniqueName("destination");
        new ActiveMQConnectionFactory(ACTIVEMQ.openWireUrl()).createContext().createProducer().setProperty("n", "0")
                .send(new org.apache.activemq.command.ActiveMQQueue("zocalo." + amqSource), "m0");
        ArroyoCliTest.Result activemq = arroyo(activeMq("queue", "drain", amqSource, amqDestination));
        assertThat(activemq.exitCode()).as(activemq.err()).isZero();
        assertThat(activemq.out().strip()).isEqualTo("moved 1 messages from " + amqSource + " to " + amqDestination);
        Message moved = ACTIVEMQ.next("zocalo." + amqDestination, TIMEOUT);
        assertThat(moved.getBody(String.class)).isEqualTo("m0");
        assertThat(moved.getStringProperty("n")).isEqualTo("0");
    }

    private static Object[] activeMq(Object... args) {
        return Stream.concat(Stream.of(args), Stream.of("--broker", "activemq", "--port",
                String.valueOf(Integer.parseInt(ACTIVEMQ.openWireUrl().replaceAll(".*:", ""))))).toArray();
    }

    private static GetResponse await(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, false);
            if (response != null) {
                return response;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message on " + queue);
    }
}
