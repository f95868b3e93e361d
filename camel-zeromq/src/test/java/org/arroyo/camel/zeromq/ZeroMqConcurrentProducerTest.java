package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One PUSH producer shared by many route threads: the socket's owner thread sends for all of them.
 */
class ZeroMqConcurrentProducerTest extends ZeroMqTestSupport {

    private static final int THREADS = 8;
    private static final int MESSAGES = 100_000;

    @Test
    void eightRouteThreadsSendAHundredThousandMessagesReceivedExactlyOnce() throws Exception {
        String address = freeTcpAddress();
        Map<String, Integer> receivedTimes = new ConcurrentHashMap<>();
        AtomicInteger receivedTotal = new AtomicInteger();
        addRoutes(routes -> {
            routes.from("zeromq:PULL:" + address + "?bind=true")
                    .process(e -> {
                        receivedTimes.merge(e.getMessage().getBody(String.class), 1, Integer::sum);
                        receivedTotal.incrementAndGet();
                    });
            routes.from("direct:send").to("zeromq:PUSH:" + address);
        });

        ExecutorService routeThreads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            senders.add(routeThreads.submit(() -> {
                for (int i = thread; i < MESSAGES; i += THREADS) {
                    template.sendBody("direct:send", "message " + i);
                }
            }));
        }
        for (Future<?> sender : senders) {
            sender.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
        routeThreads.shutdown();

        await().atMost(PATIENCE).until(() -> receivedTotal.get() >= MESSAGES);
        assertThat(receivedTimes).hasSize(MESSAGES);
        assertThat(receivedTimes.values()).containsOnly(1);
        assertThat(receivedTotal.get()).isEqualTo(MESSAGES);
    }
}
