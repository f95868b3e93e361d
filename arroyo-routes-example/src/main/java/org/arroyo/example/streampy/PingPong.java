package org.arroyo.example.streampy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.streampy.QueueNode;
import org.arroyo.camel.streampy.StreamPyText;

/**
 * stream-py's ping-pong game: one worker looped on one queue node. The worker GETs a message,
 * answers {@code ping} with {@code pong} and {@code pong} with {@code ping}, and PUTs the answer
 * back on the same node; one PUT seeds the game. This game ends after {@code rounds} answers:
 * the message after the last answer is taken and not answered.
 *
 * <pre>java -cp ... org.arroyo.example.streampy.PingPong [ROUNDS] [PORT]</pre>
 */
public final class PingPong implements Operator {

    private final int rounds;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch over = new CountDownLatch(1);

    public PingPong(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("ping-pong needs at least 1 round, got " + rounds);
        }
        this.rounds = rounds;
    }

    @Override
    public List<? extends ArroyoMessage> onEvent(Event event) {
        String text = StreamPyText.text(event);
        String answer = switch (text) {
            case "ping" -> "pong";
            case "pong" -> "ping";
            default -> throw new IllegalArgumentException("ping-pong knows ping and pong, got '" + text + "'");
        };
        received.add(text);
        if (received.size() > rounds) {
            over.countDown();
            return List.of();
        }
        return List.of(StreamPyText.event(answer));
    }

    /** The messages the worker took, in order: the seed and every answer. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until the last answer has come back. */
    public boolean awaitOver(long timeout, TimeUnit unit) throws InterruptedException {
        return over.await(timeout, unit);
    }

    /** The queue node and the worker looped on it. */
    public ArroyoRouteBuilder routes(String host, int port) {
        String queue = "streampy:queue:" + host + ":" + port;
        PingPong game = this;
        return new ArroyoRouteBuilder() {
            @Override
            public void configure() throws Exception {
                getContext().addRoutes(new QueueNode("ping-pong-queue", host, port));
                pipeline("ping-pong-worker").listen(queue).operator(game).publish(queue);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        PingPong game = new PingPong(rounds);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(game.routes("127.0.0.1", port));
            context.start();
            context.createProducerTemplate().sendBody("streampy:queue:127.0.0.1:" + port, "ping");
            if (!game.awaitOver(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the game did not end in 60 s; played " + game.received().size());
            }
            System.out.println(rounds + " rounds: " + String.join(" ", game.received()));
        }
    }
}
