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

    public RedisBroker() {
        super("Redis", "arroyo.test.redis", "127.0.0.1:6379", "redis-server", Duration.ofSeconds(20));
    }

    @Override
    protected ProcessBuilder serverProcess(int port, Path dir) {
        return new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString());
    }
}
