package org.arroyo.camel.broker.rabbitmq;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settling of the deliveries of one channel, in delivery-tag order: a message rejected is rejected at once (and
 * goes back to its queue); messages acknowledged are acknowledged together ({@code multiple}) up to the last of an
 * unbroken row of settled deliveries, as the raw client acknowledges a batch of confirms. When a delivery was not run
 * here (its tag skipped), an acknowledgement of several could take it along, so from then on each is acknowledged
 * alone. A delivery whose channel closed is not settled: the broker has put its message back already.
 */
final class Acknowledgements {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    /** A delivery run here, and how it went (null: not settled yet). */
    private static final class Tag {
        final long value;
        Boolean acknowledge;

        Tag(long value) {
            this.value = value;
        }
    }

    private final Channel channel;
    private final IntConsumer settled;
    private final Deque<Tag> run = new ArrayDeque<>();
    private long lastRun;
    private boolean oneByOne;

    /**
     * @param channel the channel itself, not a proxy that would reopen it
     * @param settled told how many deliveries were settled (or could not be, their channel closed)
     */
    Acknowledgements(Channel channel, IntConsumer settled) {
        this.channel = channel;
        this.settled = settled;
    }

    /** A delivery about to run; tags come in increasing order. */
    synchronized Object run(long tag) {
        oneByOne |= lastRun != 0 && tag != lastRun + 1;
        lastRun = tag;
        Tag entry = new Tag(tag);
        run.addLast(entry);
        return entry;
    }

    /** The delivery of {@link #run} is done; acknowledged at the next {@link #flush()}, or rejected now. */
    synchronized void settle(Object delivery, boolean acknowledge) {
        Tag tag = (Tag) delivery;
        tag.acknowledge = acknowledge;
        if (!acknowledge) {
            send(tag.value, false, false);
        }
    }

    /** Sends the acknowledgements of the settled deliveries at the head of the row. */
    synchronized void flush() {
        long highest = 0;
        int count = 0;
        while (!run.isEmpty() && run.peekFirst().acknowledge != null) {
            Tag tag = run.pollFirst();
            count++;
            if (tag.acknowledge) {
                if (oneByOne) {
                    send(tag.value, true, false);
                } else {
                    highest = tag.value;
                }
            }
        }
        if (highest != 0) {
            send(highest, true, true);
        }
        if (count > 0) {
            settled.accept(count);
        }
    }

    private void send(long tag, boolean acknowledge, boolean multiple) {
        try {
            if (acknowledge) {
                channel.basicAck(tag, multiple);
            } else {
                channel.basicNack(tag, false, true);
            }
        } catch (AlreadyClosedException | IOException e) {
            LOG.debug("delivery {} not settled, its channel closed: the broker delivers it again", tag, e);
        }
    }
}
