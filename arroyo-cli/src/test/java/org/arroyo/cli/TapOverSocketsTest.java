package org.arroyo.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.arroyo.test.infra.PythonPeer;
import org.arroyo.test.infra.RedisBroker;
import org.arroyo.cli.ArroyoCliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.arroyo.cli.PipelineCommandsTest.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/** arroyo tap on live streams from independent Python senders: pyzmq over ZeroMQ, redis-py over Redis pub/sub. */
class TapOverSocketsTest {

    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private static final List<String> SCAN = List.of(
            "start run=demo-0001",
            "event run=demo-0001 frame=0 array=uint16[16,16] exposure_s=0.1",
            "event run=demo-0001 frame=1 array=uint16[16,16] exposure_s=0.1",
            "event run=demo-0001 frame=2 array=uint16[16,16] exposure_s=0.1",
            "stop  run=demo-0001");

    /** The sample scan's files, one per line, after the given lines. */
    private static String input(Object... first) throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return Stream.concat(Stream.of(first).map(String::valueOf), files.sorted().map(Path::toString))
                    .collect(Collectors.joining("\n"));
        }
    }

    private static CompletableFuture<Result> tap(String uri) {
        return CompletableFuture.supplyAsync(() -> arroyo("tap", uri, "--count", SCAN.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void tapsAZeroMqStreamFromPyzmq() throws Exception {
        int port = freePort();
        CompletableFuture<Result> tap = tap("zeromq:PULL:tcp://127.0.0.1:" + port + "?bind=true");

        PythonPeer.run("""
                import sys, zmq
                address, *paths = sys.stdin.read().split()
                context = zmq.Context()
                push = context.socket(zmq.PUSH)
                push.connect(address)
                for path in paths:
                    push.send(open(path, 'rb').read())
                push.close(linger=60000)
                context.term()
                """, input("tcp://127.0.0.1:" + port), "python3-zmq");

        Result result = tap.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactlyElementsOf(SCAN);
    }

    @Test
    void tapsARedisChannelFromRedisPy() throws Exception {
        String channel = "arroyo-tap-" + UUID.randomUUID();
        CompletableFuture<Result> tap = tap("spring-redis://" + REDIS.address() + "?command=SUBSCRIBE&channels=" + channel);

        PythonPeer.run("""
                import sys, time, redis
                host, port, channel, *paths = sys.stdin.read().split()
                client = redis.Redis(host=host, port=int(port))
                first = open(paths[0], 'rb').read()
                deadline = time.time() + 60
                while client.publish(channel, first) == 0:
                    if time.time() > deadline:
                        sys.exit('nobody subscribed to ' + channel)
                    time.sleep(0.05)
                for path in paths[1:]:
                    client.publish(channel, open(path, 'rb').read())
                """, input(REDIS.host(), REDIS.port(), channel), "python3-redis");

        Result result = tap.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactlyElementsOf(SCAN);
    }
}
