package org.arroyo.camel.streampy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.arroyo.test.UdpQueueClient;
import org.arroyo.test.infra.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A journaled queue node killed with SIGKILL while one client PUTs and another GETs, then started
 * again on the same journal: every acknowledged PUT is served once, except that a GET whose reply
 * the kill cut off has taken its message with it (stream-py's GET has no acknowledgement).
 */
class QueueJournalCrashTest {

    private static final int MESSAGES = 2000;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    @Test
    void aKilledNodeServesEveryAcknowledgedPutAfterItsRestartAndLosesAtMostTheGetInFlight() throws Exception {
        String port = String.valueOf(UdpQueueClient.freePort());
        String journal = directory.resolve("crash.journal").toString();
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        List<String> got = new CopyOnWriteArrayList<>();
        int gotBeforeKill;
        int resumeFrom;
        try (ChildJvm node = ChildJvm.start("queue-node-crash", QueueNodeProcess.class, List.of(), port, journal)) {
            node.awaitOutput(QueueNodeProcess.STARTED, Duration.ofSeconds(60));
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> put(port, 0, acknowledged));
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> get(port, got, stop));
            await("a third acknowledged").atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= MESSAGES / 3);
            node.kill();
            resumeFrom = writer.get(30, TimeUnit.SECONDS);
            stop.set(true);
            reader.get(30, TimeUnit.SECONDS);
            gotBeforeKill = got.size();
        }
        assertThat(resumeFrom).as("killed mid-stream").isLessThan(MESSAGES);

        try (ChildJvm node = ChildJvm.start("queue-node-crash", QueueNodeProcess.class, List.of(), port, journal)) {
            node.awaitOutput(QueueNodeProcess.STARTED, Duration.ofSeconds(60));
            // the PUT the kill cut off is sent again
            assertThat(put(port, resumeFrom, acknowledged)).isEqualTo(MESSAGES);
            get(port, got, new AtomicBoolean(true));
        }

        Set<String> distinct = Set.copyOf(got);
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (!distinct.contains("m-" + i)) {
                lost.add(i);
            }
        }
        int duplicates = got.size() - distinct.size();
        System.out.printf("Queue node journal crash: killed after %d PUTs acknowledged and %d GETs served; after the restart "
                + "%d lost %s, %d duplicates%n", resumeFrom, gotBeforeKill, lost.size(), lost, duplicates);
        assertThat(acknowledged).containsAll(lost);
        // at most the message of the GET in flight at the kill: the one after the last served before it
        assertThat(lost).hasSizeLessThanOrEqualTo(1);
        lost.forEach(index -> assertThat(index).isEqualTo(gotBeforeKill == 0 ? 0 : Integer.parseInt(got.get(gotBeforeKill - 1).substring(2)) + 1));
        // at most the PUT in flight at the kill, journaled but not acknowledged, and sent again
        assertThat(duplicates).isLessThanOrEqualTo(1);
        assertThat(got.stream().distinct().map(m -> Integer.parseInt(m.substring(2))).collect(Collectors.toList())).isSorted();
    }

    /** PUTs m-FROM, m-FROM+1, ... until one gets no reply; returns the index of that one (MESSAGES when all were acknowledged). */
    private static int put(String port, int from, List<Integer> acknowledged) {
        try (UdpQueueClient client = new UdpQueueClient(Integer.parseInt(port), REPLY_TIMEOUT)) {
            for (int i = from; i < MESSAGES; i++) {
                try {
                    assertThat(client.put("m-" + i)).startsWith("PUT ");
                } catch (IOException e) {
                    return i;
                }
                acknowledged.add(i);
            }
            return MESSAGES;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GETs until the node does not answer, or, once {@code stop} is set, until the queue is empty. */
    private static void get(String port, List<String> got, AtomicBoolean stop) {
        try (UdpQueueClient client = new UdpQueueClient(Integer.parseInt(port), REPLY_TIMEOUT)) {
            while (true) {
                String message;
                try {
                    message = client.get();
                } catch (IOException e) {
                    return;
                }
                if (!message.isEmpty()) {
                    got.add(message);
                } else if (stop.get()) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
