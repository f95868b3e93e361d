package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * The RabbitMQ broker for tests: the server on 127.0.0.1:5672 (guest/guest) if one answers,
 * else a {@code rabbitmq-server} started for the test run (and stopped after it) if installed,
 * else a failure naming the package to install. Queues and exchanges declared through it get unique names and are deleted after the class.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RabbitMqBroker BROKER = new RabbitMqBroker();
 * </pre>
 *
 * {@link #ownServer()} gives the class a {@code rabbitmq-server} of its own (node
 * {@code arroyo-PORT@localhost}, AMQP, distribution and epmd on free ports of 127.0.0.1, its own
 * mnesia and log directories; stopped after the class) that a test may {@link #kill()} and
 * {@link #restart()}: durable queues and persistent messages survive.
 */
public final class RabbitMqBroker implements BeforeAllCallback, AfterAllCallback {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;
    private static final String SERVER_KEY = "rabbitmq-server";
    /** Debian's /usr/sbin wrapper switches to the rabbitmq user; the script it wraps runs as anyone. */
    private static final String SERVER_SCRIPTS = "/usr/lib/rabbitmq/lib";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final boolean own;
    private final List<BrokerProcess> ownServer = new ArrayList<>();
    private int port = PORT;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();
    private CachingConnectionFactory connectionFactory;

    public RabbitMqBroker() {
        this(false);
    }

    private RabbitMqBroker(boolean own) {
        this.own = own;
    }

    /** A RabbitMQ server for this test class alone, which its tests may kill and restart. */
    public static RabbitMqBroker ownServer() {
        return new RabbitMqBroker(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (own) {
            startOwnServer(context.getDisplayName());
        } else if (!answers()) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SERVER_KEY, key -> startSharedServer(context.getDisplayName()), BrokerProcess.class);
        }
        connectionFactory = new CachingConnectionFactory(HOST, port);
        connectionFactory.setUsername("guest");
        connectionFactory.setPassword("guest");
        connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (connectionFactory == null) {
            ownServer.forEach(BrokerProcess::close);
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
            // the server, then its epmd
            ownServer.forEach(BrokerProcess::close);
        }
    }

    /** The AMQP port: {@link #PORT}, or the own server's. */
    public int port() {
        return port;
    }

    /** {@code amqp://guest:guest@HOST:PORT}, e.g. for the property {@code arroyo.rabbitmq.uri}. */
    public String uri() {
        return "amqp://guest:guest@" + HOST + ":" + port;
    }

    /** Kills this class's own server (the Erlang VM and its helpers) with SIGKILL, as a crash would. */
    public void kill() {
        ownRabbit().kill();
    }

    /**
     * Starts this class's own server again with the same node name, ports and directories, and waits until it answers
     * and the queues declared through this class are back: RabbitMQ opens its port before it has recovered every
     * durable queue, and refuses a passive declare of one not yet recovered ("no queue").
     */
    public void restart() {
        ownRabbit().start();
        Awaitility.await("the declared queues recovered").atMost(START_TIMEOUT).ignoreExceptions()
                .until(this::declaredQueuesExist);
    }

    private boolean declaredQueuesExist() throws Exception {
        try (Connection connection = rawConnection()) {
            for (String queue : queues) {
                // a refused passive declare closes its channel
                try (Channel channel = connection.createChannel()) {
                    channel.queueDeclarePassive(queue);
                }
            }
        }
        return true;
    }

    private BrokerProcess ownRabbit() {
        if (ownServer.isEmpty()) {
            throw new IllegalStateException("only a RabbitMqBroker.ownServer() can be killed and restarted");
        }
        return ownServer.get(0);
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
        factory.setPort(port);
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

    private BrokerProcess startSharedServer(String testName) {
        try {
            Path base = Files.createTempDirectory("arroyo-rabbitmq");
            return rabbitmqServer(testName, base, "arroyo-test@localhost", Map.of()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startOwnServer(String testName) throws IOException {
        Path base = Files.createTempDirectory("arroyo-rabbitmq");
        port = BrokerProcess.freePort();
        int epmdPort = BrokerProcess.freePort();
        BrokerProcess epmd = new BrokerProcess("epmd", epmdPort,
                new ProcessBuilder("epmd", "-port", String.valueOf(epmdPort), "-address", HOST),
                () -> BrokerProcess.listens(HOST, epmdPort), START_TIMEOUT, base.resolve("epmd.log"));
        ownServer.add(rabbitmqServer(testName, base, "arroyo-" + port + "@localhost", Map.of(
                "ERL_EPMD_PORT", String.valueOf(epmdPort),
                "RABBITMQ_DIST_PORT", String.valueOf(BrokerProcess.freePort()),
                "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}")));
        ownServer.add(epmd);
        epmd.start();
        ownRabbit().start();
    }

    /** rabbitmq-server on {@link #port}, node {@code nodeName}, no plugins, its files under {@code base}. */
    private BrokerProcess rabbitmqServer(String testName, Path base, String nodeName, Map<String, String> environment) throws IOException {
        Path server = serverScript();
        if (server == null) {
            Prerequisite.missing(testName + ": " + (own ? "it starts a RabbitMQ of its own" : "no RabbitMQ answers on " + HOST + ":" + PORT)
                    + " and rabbitmq-server is not installed", "rabbitmq-server");
        }
        Path config = Files.writeString(base.resolve("rabbitmq.conf"), "listeners.tcp.default = " + HOST + ":" + port + "\n");
        Path plugins = Files.writeString(base.resolve("enabled_plugins"), "[].\n");
        ProcessBuilder command = new ProcessBuilder(server.toString());
        command.environment().putAll(Map.of("RABBITMQ_NODENAME", nodeName,
                "RABBITMQ_CONFIG_FILE", config.toString(), "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString(),
                "RABBITMQ_MNESIA_BASE", base.resolve("mnesia").toString(), "RABBITMQ_LOG_BASE", base.resolve("log").toString()));
        command.environment().putAll(environment);
        return new BrokerProcess("rabbitmq-server " + server, port, command, this::answers, START_TIMEOUT, base.resolve("server.log"));
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
}
