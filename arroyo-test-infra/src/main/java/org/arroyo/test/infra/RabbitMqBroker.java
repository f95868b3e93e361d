package org.arroyo.test.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * The RabbitMQ broker for tests: the server on 127.0.0.1:5672 (guest/guest) if one answers,
 * else a {@code rabbitmq-server} started for the test run (and stopped after it) if installed,
 * else a failure naming the package to install. Queues and exchanges declared through it get unique names and are deleted after the class.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RabbitMqBroker BROKER = new RabbitMqBroker();
 * </pre>
 */
public final class RabbitMqBroker implements BeforeAllCallback, AfterAllCallback {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;
    private static final String SERVER_KEY = "rabbitmq-server";
    /** Debian's /usr/sbin wrapper switches to the rabbitmq user; the script it wraps runs as anyone. */
    private static final String SERVER_SCRIPTS = "/usr/lib/rabbitmq/lib";

    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private CachingConnectionFactory connectionFactory;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!answers()) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SERVER_KEY, key -> startServer(context.getDisplayName()), LocalServer.class);
        }
        connectionFactory = new CachingConnectionFactory(HOST, PORT);
        connectionFactory.setUsername("guest");
        connectionFactory.setPassword("guest");
        connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (connectionFactory == null) {
            return;
        }
        try (Connection connection = rawConnection(); Channel channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
        } finally {
            connectionFactory.destroy();
        }
    }

    /** A connection factory with simple publisher confirms, closed after the test class. */
    public CachingConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /** A name no other test uses. */
    public String uniqueName(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Declares a durable queue (deleted after the class) as a deployment would. */
    public String declareQueue(String name, Map<String, Object> arguments) throws Exception {
        try (Connection connection = rawConnection(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(name, true, false, false, arguments);
        }
        queues.add(name);
        return name;
    }

    public String declareQueue(String name) throws Exception {
        return declareQueue(name, Map.of());
    }

    /** Declares a durable queue named {@code prefix} plus a unique suffix; returns the name. */
    public String declareUniqueQueue(String prefix) throws Exception {
        return declareQueue(uniqueName(prefix));
    }

    /**
     * Declares {@code name} whose rejected messages go to {@code dlq.<name>}, as Zocalo
     * deployments do; returns the dead-letter queue's name.
     */
    public String declareQueueWithDeadLetters(String name) throws Exception {
        String deadLetters = declareQueue("dlq." + name);
        declareQueue(name, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters));
        return deadLetters;
    }

    /** Declares an exchange (deleted after the class); {@code bindQueues} are bound with their own name as key. */
    public String declareExchange(String name, String type, String... bindQueues) throws Exception {
        try (Connection connection = rawConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(name, type, true);
            for (String queue : bindQueues) {
                channel.queueBind(queue, name, queue);
            }
        }
        exchanges.add(name);
        return name;
    }

    /** Deletes this queue after the class too (one the code under test declared). */
    public void track(String queue) {
        queues.add(queue);
    }

    /** A plain amqp-client connection, independent of the code under test. */
    public Connection rawConnection() throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setConnectionTimeout(2000);
        return factory.newConnection("arroyo-test");
    }

    private boolean answers() {
        try (Connection connection = rawConnection()) {
            return connection.isOpen();
        } catch (Exception e) {
            return false;
        }
    }

    private LocalServer startServer(String testName) {
        Path server = serverScript();
        if (server == null) {
            Prerequisite.missing(testName + ": no RabbitMQ answers on " + HOST + ":" + PORT
                    + " and rabbitmq-server is not installed", "rabbitmq-server");
        }
        try {
            Path base = Files.createTempDirectory("arroyo-rabbitmq");
            Path config = Files.writeString(base.resolve("rabbitmq.conf"), "listeners.tcp.default = " + HOST + ":" + PORT + "\n");
            Path plugins = Files.writeString(base.resolve("enabled_plugins"), "[].\n");
            ProcessBuilder builder = new ProcessBuilder(server.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("server.log").toFile());
            builder.environment().putAll(Map.of("RABBITMQ_NODENAME", "arroyo-test@localhost",
                    "RABBITMQ_CONFIG_FILE", config.toString(), "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString(),
                    "RABBITMQ_MNESIA_BASE", base.resolve("mnesia").toString(), "RABBITMQ_LOG_BASE", base.resolve("log").toString()));
            LocalServer started = new LocalServer(builder.start());
            await("rabbitmq-server started from " + server + " (log: " + base.resolve("server.log") + ")")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(this::answers);
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + server, e);
        }
    }

    private static Path serverScript() {
        try (Stream<Path> versions = Files.isDirectory(Path.of(SERVER_SCRIPTS)) ? Files.list(Path.of(SERVER_SCRIPTS)) : Stream.empty()) {
            Optional<Path> packaged = versions.map(dir -> dir.resolve("sbin/rabbitmq-server")).filter(Files::isExecutable)
                    .max(Comparator.naturalOrder());
            if (packaged.isPresent()) {
                return packaged.get();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + SERVER_SCRIPTS, e);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "rabbitmq-server")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** The broker this run started; stopped when the run ends. */
    private record LocalServer(Process process) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws Exception {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
