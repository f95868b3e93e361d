package org.arroyo.camel.test;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Redis for a test class: {@code 127.0.0.1:6379} when it answers, else a {@code redis-server}
 * started on a free port (see {@link LocalServerBroker} for the rules when there is neither).
 *
 * <pre>{@code @RegisterExtension static final RedisBroker REDIS = new RedisBroker();}</pre>
 */
public final class RedisBroker extends LocalServerBroker {

    @Override
    protected String name() {
        return "Redis";
    }

    @Override
    protected String addressProperty() {
        return "arroyo.test.redis";
    }

    @Override
    protected String defaultAddress() {
        return "127.0.0.1:6379";
    }

    @Override
    protected String serverCommand() {
        return "redis-server";
    }

    @Override
    protected ProcessBuilder serverProcess(int port, Path dir) {
        return new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString());
    }

    @Override
    protected Duration startTimeout() {
        return Duration.ofSeconds(20);
    }
}
