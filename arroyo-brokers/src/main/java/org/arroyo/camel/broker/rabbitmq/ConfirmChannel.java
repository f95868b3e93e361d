package org.arroyo.camel.broker.rabbitmq;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * A channel of one publisher in confirm mode, on the connection of its connection factory, with the deliveries whose
 * acknowledgement waits for each publish: confirmed, the publish counts as done; refused (nack), or lost with the
 * channel, it fails its delivery, which goes back to its queue. The publishes of one channel are confirmed in their
 * order, several at once. A closed channel (the broker restarted) is replaced at the next publish. After a refusal
 * (typically: the destination queue is full and refuses more) the next publish waits {@value #PAUSE_AFTER_REFUSAL_MILLIS}
 * ms, so that a message put back in its queue is not taken and refused again at full speed.
 */
final class ConfirmChannel {

    static final long PAUSE_AFTER_REFUSAL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmChannel.class);

    private final ConnectionFactory connectionFactory;
    private final String target;
    private Channel channel;
    /** The deliveries of the current channel's unconfirmed publishes, by publish sequence number. */
    private UnconfirmedPublishes unconfirmed;
    /** When the last refusal came, in {@link System#nanoTime()}, or 0. */
    private volatile long refusedAt;

    ConfirmChannel(ConnectionFactory connectionFactory, String target) {
        this.connectionFactory = connectionFactory;
        this.target = target;
    }

    /**
     * Publishes; the delivery is done when the broker confirmed the message. A publish failing here throws, and no
     * longer counts for the delivery.
     */
    synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, Delivery delivery)
            throws IOException, InterruptedException {
        UnconfirmedPublishes registered = null;
        long sequence = 0;
        try {
            pauseAfterRefusal();
            Channel open = open();
            sequence = open.getNextPublishSeqNo();
            registered = unconfirmed;
            registered.add(sequence, delivery);
            open.basicPublish(exchange, routingKey, properties, body);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // this publish no longer counts (the exchange fails, and settles the delivery as it ends), unless the
            // channel's end already counted it
            if (registered == null || registered.remove(sequence)) {
                delivery.done(true);
            }
            throw e;
        }
    }

    private void pauseAfterRefusal() throws InterruptedException {
        long refused = refusedAt;
        if (refused != 0) {
            long pause = PAUSE_AFTER_REFUSAL_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refused);
            if (pause > 0) {
                Thread.sleep(pause);
            }
            refusedAt = 0;
        }
    }

    private Channel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel opened = connectionFactory.createConnection().getDelegate().createChannel();
            if (opened == null) {
                throw new IOException("no channel left on the connection to RabbitMQ for " + target);
            }
            opened.confirmSelect();
            UnconfirmedPublishes pending = new UnconfirmedPublishes();
            opened.addConfirmListener((sequence, multiple) -> confirmed(pending, sequence, multiple, true),
                    (sequence, multiple) -> confirmed(pending, sequence, multiple, false));
            opened.addShutdownListener(cause -> lost(pending, cause));
            channel = opened;
            unconfirmed = pending;
        }
        return channel;
    }

    private void confirmed(UnconfirmedPublishes pending, long sequence, boolean multiple, boolean ack) {
        List<Delivery> done = pending.confirmed(sequence, multiple);
        if (!ack) {
            refusedAt = System.nanoTime();
            LOG.warn("RabbitMQ refused {} message(s) published to {}: the messages they came from go back to their queue",
                    done.size(), target);
        }
        settle(done, ack);
    }

    /** Settles the publishes of these deliveries, then sends the acknowledgements that makes ready, several at once. */
    private static void settle(List<Delivery> deliveries, boolean ok) {
        Set<Acknowledgements> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Delivery delivery : deliveries) {
            delivery.done(ok);
            touched.add(delivery.acknowledgements());
        }
        touched.forEach(Acknowledgements::flush);
    }

    private void lost(UnconfirmedPublishes pending, ShutdownSignalException cause) {
        List<Delivery> lost = pending.takeAll();
        if (!lost.isEmpty()) {
            LOG.warn("the channel publishing to {} closed with {} message(s) unconfirmed ({}): the messages they came from go"
                     + " back to their queue", target, lost.size(), cause.getMessage());
        }
        settle(lost, false);
    }

    synchronized void close() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
        channel = null;
    }
}
