package org.arroyo.camel.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * RabbitMQ for a test class: {@code 127.0.0.1:5672} (user guest, password guest) when it answers,
 * else a {@code rabbitmq-server} node of its own started on a free port (see
 * {@link LocalServerBroker} for the rules when there is neither).
 *
 * <pre>{@code @RegisterExtension static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();}</pre>
 */
public final class RabbitMqBroker extends LocalServerBroker {

    public RabbitMqBroker() {
        super("RabbitMQ", "arroyo.test.rabbitmq", "127.0.0.1:5672", "rabbitmq-server", Duration.ofSeconds(120));
    }

    public String username() {
        return "guest";
    }

    public String password() {
        return "guest";
    }

    /** {@code amqp://guest:guest@host:port} (no path: the default virtual host) */
    public String amqpUri() {
        return "amqp://" + username() + ":" + password() + "@" + address();
    }

    @Override
    protected ProcessBuilder serverProcess(int port, Path dir) {
        try {
            Path plugins = Files.writeString(dir.resolve("enabled_plugins"), "[].");
            // a configuration of its own: the machine's may name the port of the node already running
            Path config = Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
            return withEnvironment(new ProcessBuilder("rabbitmq-server"), Map.of(
                    "RABBITMQ_CONFIG_FILE", config.toString(),
                    "RABBITMQ_NODENAME", "arroyo-test-" + port + "@localhost",
                    "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
                    "RABBITMQ_NODE_PORT", String.valueOf(port),
                    "RABBITMQ_DIST_PORT", String.valueOf(freePort()),
                    "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                    "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                    "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
