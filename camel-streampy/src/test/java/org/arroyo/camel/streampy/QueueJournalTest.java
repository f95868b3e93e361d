package org.arroyo.camel.streampy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.codec.Lhhttt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.arroyo.test.UdpQueueClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A queue node with a journal: a restart keeps what was queued, in order. */
class QueueJournalTest {

    @TempDir
    Path directory;

    private CamelContext startNode(Path journal, int port) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new QueueNode("durable", "127.0.0.1", port).capacity(100).journal(journal, false));
        context.start();
        return context;
    }

    @Test
    void aRestartedNodeServesWhatWasQueuedInOrder() throws Exception {
        Path journal = directory.resolve("durable.journal");
        int port = UdpQueueClient.freePort();
        CamelContext first = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            client.put("first: a");
            client.put("second 𝐇");
            client.put("third");
            assertThat(client.get()).isEqualTo("first: a");
        }
        first.stop();

        CamelContext second = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.size()).isEqualTo(2);
            assertThat(client.get()).isEqualTo("second 𝐇");
            client.put("fourth");
        }
        second.stop();

        CamelContext third = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.get()).isEqualTo("third");
            assertThat(client.get()).isEqualTo("fourth");
            assertThat(client.get()).isEmpty();
        } finally {
            third.stop();
        }
    }

    @Test
    void aCommandCutShortByACrashIsDroppedAndTheRestKept() throws Exception {
        Path journal = directory.resolve("torn.journal");
        int port = UdpQueueClient.freePort();
        CamelContext first = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            client.put("kept");
        }
        first.stop();
        Files.write(journal, "19PUT:lo".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        CamelContext second = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.size()).isEqualTo(1);
            client.put("after");
            assertThat(client.get()).isEqualTo("kept");
            assertThat(client.get()).isEqualTo("after");
        } finally {
            second.stop();
        }
    }

    @Test
    void theJournalIsRewrittenWhenItMostlyHoldsTakenMessages() throws Exception {
        Path journal = directory.resolve("busy.journal");
        int port = UdpQueueClient.freePort();
        CamelContext first = startNode(journal, port);
        long uncompacted = 0;
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            for (int i = 0; i < 1500; i++) {
                uncompacted += Lhhttt.encode("PUT:message " + i).length + Lhhttt.encode("GET").length;
                client.put("message " + i);
                assertThat(client.get()).isEqualTo("message " + i);
            }
            client.put("last one");
        }
        first.stop();
        assertThat(Files.size(journal)).as("the first 1024 PUTs and GETs were compacted away").isLessThan(uncompacted / 2);

        CamelContext second = startNode(journal, port);
        try (UdpQueueClient client = new UdpQueueClient(port)) {
            assertThat(client.get()).isEqualTo("last one");
            assertThat(client.size()).isZero();
        } finally {
            second.stop();
        }
    }

    @Test
    void aJournalDamagedBeforeItsEndStopsTheNodeFromStartingWithAClearError() throws Exception {
        Path journal = directory.resolve("damaged.journal");
        Files.write(journal, "15PUT:a13GETzz15PUT:b".getBytes(StandardCharsets.UTF_8));
        int port = UdpQueueClient.freePort();

        assertThatThrownBy(() -> startNode(journal, port))
                .hasStackTraceContaining("queue journal " + journal + " is damaged: length-of-length digit is 0x7a")
                .hasStackTraceContaining("move it away to start with an empty queue");
    }
}
