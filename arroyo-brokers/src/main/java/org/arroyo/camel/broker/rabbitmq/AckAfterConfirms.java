package org.arroyo.camel.broker.rabbitmq;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.component.springrabbit.SpringRabbitMQConsumer;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;

/**
 * A listener whose route publishes without waiting for each confirm: the listener's thread goes on with the next
 * message while the broker confirms the last ones, and each message is acknowledged once its route completed and the
 * broker confirmed what the route published for it ({@link Delivery}, {@link ConfirmingProducer}). So a message is
 * still acknowledged only after its outputs are safe, but the confirms of up to {@code prefetchCount} messages overlap.
 * The route runs in the listener's thread, one message after the other, so messages are published in the order they
 * came.
 *
 * <p>For listeners whose URI leaves {@code acknowledgeMode} and {@code maximumRetryAttempts} open and that do not
 * dead-letter by themselves ({@link DeadLetterRetry}, whose retries need the outcome before the next message): they
 * acknowledge manually, and a message whose route failed is put back in its queue rather than retried in place.
 *
 * <p>A listener stopping (or suspended) runs no more messages, waits up to {@code confirmTimeout} for the confirms of
 * those it ran, settles them, and only then closes its channel; the messages it did not run go back to the queue.
 */
final class AckAfterConfirms extends DelegateAsyncProcessor {

    private final long drainMillis;
    /** Deliveries run and not settled yet. */
    private int unsettled;
    private boolean draining;
    /** The acknowledgements of each channel the listener receives on; closed ones are dropped when another opens. */
    private final Map<Channel, Acknowledgements> channels = new IdentityHashMap<>();

    private AckAfterConfirms(Processor route, long drainMillis) {
        super(route);
        this.drainMillis = drainMillis;
    }

    /** Whether a listener endpoint with these URI options acknowledges as this class says. */
    static boolean appliesTo(SpringRabbitMQEndpoint endpoint, Set<String> given) {
        return !DeadLetterRetry.appliesTo(endpoint) && endpoint.getRetry() == null
                && !given.contains("acknowledgeMode") && !given.contains("maximumRetryAttempts");
    }

    /** Readies the endpoint: manual acknowledgements, and no retry in the listener (the broker delivers again). */
    static void configure(SpringRabbitMQEndpoint endpoint) {
        endpoint.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        endpoint.setMaximumRetryAttempts(0);
    }

    /**
     * The endpoint's listener, running the route and settling each delivery when it and its confirms are done, on a
     * container without retry advice.
     */
    static SpringRabbitMQConsumer consumer(SpringRabbitMQEndpoint endpoint, Processor route, AbstractMessageListenerContainer container) {
        AckAfterConfirms acks = new AckAfterConfirms(route, Math.max(0, endpoint.getConfirmTimeout()));
        // The component wraps every listener in a retry proxy, here one that never retries: without it, a message
        // costs no reflective call and retry context. A failed route's exception still reaches the container, which
        // leaves the settling to this class (manual acknowledgements).
        container.setAdviceChain();
        return new SpringRabbitMQConsumer(endpoint, acks, container) {
            @Override
            protected void doStart() throws Exception {
                acks.open();
                super.doStart();
            }

            @Override
            protected void doResume() throws Exception {
                acks.open();
                super.doResume();
            }

            @Override
            protected void doSuspend() throws Exception {
                acks.drain();
                super.doSuspend();
            }

            @Override
            protected void doStop() throws Exception {
                acks.drain();
                super.doStop();
            }
        };
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Long tag = exchange.getMessage().getHeader(SpringRabbitMQConstants.DELIVERY_TAG, Long.class);
        Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
        if (tag == null || channel == null) {
            exchange.setException(new IllegalStateException(
                    "a RabbitMQ listener acknowledging after the confirms needs the delivery tag and channel of each message"));
            callback.done(true);
            return true;
        }
        if (!run()) {
            // left unacknowledged: the broker gives it to a consumer again when this one's channel closes
            callback.done(true);
            return true;
        }
        Delivery delivery = new Delivery(acknowledgements(channel), tag);
        exchange.setProperty(Delivery.PROPERTY, delivery);
        return processor.process(exchange, doneSync -> {
            delivery.done(!exchange.isFailed() && !exchange.isRollbackOnly());
            delivery.acknowledgements().flush();
            callback.done(doneSync);
        });
    }

    /** The acknowledgements of the channel a message came on, not of one opened in its place after a reconnection. */
    private Acknowledgements acknowledgements(Channel channel) {
        // Spring's channel proxy would reopen a closed channel for the acknowledgement: the channel itself does not
        Channel target = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
        synchronized (channels) {
            Acknowledgements acknowledgements = channels.get(target);
            if (acknowledgements == null) {
                channels.keySet().removeIf(known -> !known.isOpen());
                acknowledgements = new Acknowledgements(target, this::settled);
                channels.put(target, acknowledgements);
            }
            return acknowledgements;
        }
    }

    private synchronized boolean run() {
        if (draining) {
            return false;
        }
        unsettled++;
        return true;
    }

    private synchronized void settled(int count) {
        unsettled -= count;
        if (unsettled == 0) {
            notifyAll();
        }
    }

    private synchronized void open() {
        draining = false;
    }

    /** Runs no more messages and waits until those run are settled, at most {@code drainMillis}. */
    private synchronized void drain() throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        for (long left = drainMillis; unsettled > 0 && left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            wait(left);
        }
    }

    @Override
    public String toString() {
        return "ackAfterConfirms(" + processor + ")";
    }
}
