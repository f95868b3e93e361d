package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.streampy.metrics.MessageMeter;
import org.arroyo.test.infra.DecoderFuzzer;
import org.arroyo.test.infra.DecoderFuzzer.Outcome;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue node meets random datagrams and mutations of stream-py's commands: every one gets a reply that is one
 * well-formed LHHTTT frame, within the fuzzer's time bound; a command it cannot serve gets an {@code ERROR} reply,
 * which a client sees as a {@link StreamPyRefusedException}, and the node serves the next. The queue holds at most
 * {@value #CAPACITY} messages, as a node's capacity bounds it.
 */
class QueueCommandFuzzTest {

    private static final int INPUTS = 10_000;
    private static final int CAPACITY = 1000;

    private final CamelContext context = new DefaultCamelContext();
    private final QueueNodeProcessor node = new QueueNodeProcessor(() -> MessageQueue.inMemory(CAPACITY),
            MessageMeter.all(List.of()));

    @AfterEach
    void stop() {
        node.stop();
        context.stop();
    }

    @Test
    void everyDatagramGetsAFramedReply() throws Exception {
        node.start();
        DecoderFuzzer fuzzer = new DecoderFuzzer(commands()).inflatingLengths(DecoderFuzzer::inflateLhhtttLength);

        Outcome outcome = fuzzer.run("stream-py commands", INPUTS, StreamPyRefusedException.class, (datagram, random) -> {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(datagram);
            node.process(exchange);
            String reply = Lhhttt.decode(ByteBuffer.wrap(exchange.getMessage().getBody(byte[].class)));
            if (reply.startsWith(QueueNodeProcessor.ERROR)) {
                throw new StreamPyRefusedException(reply);
            }
        });

        assertThat(outcome.decoded()).as("commands served").isPositive();
        assertThat(outcome.refused()).as("commands refused").isPositive();
    }

    /** The commands as stream-py's clients frame them, and the LHHTTT texts of the interop vectors as PUTs. */
    private static List<byte[]> commands() {
        List<String> texts = new ArrayList<>(List.of("GET", "SIZE", "PUT:", "PUT:hello", "PUT:a:b::c:",
                "PUT:𝐇𝐞𝐥𝐥𝐨 — Grüße, 你好", "PUT:" + "x".repeat(300)));
        InteropVectors.cases("lhhttt").forEach(vector -> texts.add("PUT:" + Lhhttt.decode(vector.frameBuffers().get(0))));
        return Stream.concat(texts.stream().map(Lhhttt::encode),
                InteropVectors.cases("lhhttt").stream().map(vector -> InteropVectors.read(vector.frames().get(0)))).toList();
    }
}
