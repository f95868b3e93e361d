package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.dataformat.WireMessage;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.operator.Publishers.Publisher;

/**
 * A pipeline's last step: sends every message the steps produced to every current publisher, in order, written in
 * the pipeline's {@link PipelineFormat} (an operator's several {@link Outputs} one after the other, and each
 * message's wire messages one after the other, numbered by {@value ArroyoConstants#OUTPUT_INDEX}). One message for one
 * publisher is sent as it is; otherwise each send gets its own copy of the exchange.
 * <p>
 * A send a publisher refused is either sent again ({@link Resending}: after a pause, until it is taken or the
 * CamelContext is forced to stop, the later sends waiting for it) or fails the exchange at once (later sends of it do
 * not happen). A failed exchange names the publisher in {@value ArroyoConstants#PUBLISH_FAILED}, for Camel's error
 * handler.
 */
public class PublishProcessor extends AsyncProcessorSupport {

    /** How a pipeline sends again what a publisher refused. */
    public interface Resending {

        /** The pause before each new attempt. */
        long pauseMillis();

        /** Told of a message's first refusal, by this publisher, for this reason. */
        void refused(Exchange exchange, String publisher, Exception cause);
    }

    /** How often a pause before a new attempt looks for a forced stop. */
    private static final long FORCED_STOP_CHECK_MILLIS = 100;

    private final Publishers publishers;
    private final PipelineFormat format;
    private final Resending resending;

    /**
     * @param publishers where every message goes
     * @param format     how each message is written for them
     * @param resending  how a refused send is sent again, or null to fail the exchange at once
     */
    public PublishProcessor(Publishers publishers, PipelineFormat format, Resending resending) {
        this.publishers = publishers;
        this.format = format;
        this.resending = resending;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Publisher> targets = publishers.current();
        Object body = exchange.getMessage().getBody();
        if (targets.size() == 1 && format == PipelineFormat.MSGPACK && !(body instanceof Outputs)) {
            exchange.setProperty(ArroyoConstants.OUTPUT_INDEX, 0);
            return new Sends(exchange, List.of(body), targets, callback, false).sendFrom(true);
        }
        List<Object> messages = new ArrayList<>();
        try {
            for (Object output : body instanceof Outputs outputs ? outputs.messages() : List.of(body)) {
                messages.addAll(format.wireMessages(output));
            }
        } catch (IllegalArgumentException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return new Sends(exchange, messages, targets, callback, true).sendFrom(true);
    }

    /** The sends of one exchange, one after the other; a send that completes later carries on in its callback. */
    private final class Sends {

        private final Exchange exchange;
        private final List<?> messages;
        private final List<Publisher> targets;
        private final AsyncCallback callback;
        /** Whether each send gets a copy of the exchange; else the one message is sent in the exchange itself. */
        private final boolean copies;
        private int next;
        private boolean refusedBefore;

        Sends(Exchange exchange, List<?> messages, List<Publisher> targets, AsyncCallback callback, boolean copies) {
            this.exchange = exchange;
            this.messages = messages;
            this.targets = targets;
            this.callback = callback;
            this.copies = copies;
        }

        /** Sends the rest; returns whether everything was done in the calling thread. */
        boolean sendFrom(boolean sync) {
            while (next < messages.size() * targets.size()) {
                int index = next / targets.size();
                Publisher target = targets.get(next % targets.size());
                Exchange sent = prepared(index);
                boolean doneHere = target.send().process(sent, doneSync -> {
                    if (!doneSync && carriesOn(sent, target, false)) {
                        sendFrom(false);
                    }
                });
                if (!doneHere) {
                    return false;
                }
                if (!carriesOn(sent, target, sync)) {
                    return sync;
                }
            }
            callback.done(sync);
            return sync;
        }

        /** The exchange of the next send: a copy holding the message, or the exchange itself. */
        private Exchange prepared(int index) {
            if (!copies) {
                return exchange;
            }
            Exchange copy = exchange.copy();
            copy.setProperty(ArroyoConstants.OUTPUT_INDEX, index);
            Object message = messages.get(index);
            if (message instanceof WireMessage wire) {
                wire.putInto(copy);
            } else {
                copy.getMessage().setBody(message);
                if (message instanceof ArroyoMessage arroyo) {
                    copy.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, arroyo.type().wireName());
                }
            }
            return copy;
        }

        /**
         * Whether the sends carry on after this one: it was taken (the next send is due) or it is to be sent again
         * after the pause. Otherwise the exchange carries the send's exception, names the publisher and is complete.
         */
        private boolean carriesOn(Exchange sent, Publisher target, boolean sync) {
            if (sent.getException() == null) {
                next++;
                return true;
            }
            if (resending != null) {
                if (!refusedBefore) {
                    refusedBefore = true;
                    resending.refused(exchange, target.uri(), sent.getException());
                }
                if (pausedUntilNextAttempt(sent)) {
                    if (!copies) {
                        // the refused send may have left an exception and a body of the producer's
                        exchange.setException(null);
                        exchange.getMessage().setBody(messages.get(0));
                    }
                    return true;
                }
            }
            exchange.setException(sent.getException());
            exchange.setProperty(ArroyoConstants.PUBLISH_FAILED, target.uri());
            callback.done(sync);
            return false;
        }

        /** Waits the pause; false if the CamelContext was forced to stop (or the thread interrupted) meanwhile. */
        private boolean pausedUntilNextAttempt(Exchange sent) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(resending.pauseMillis());
            try {
                while (!sent.getContext().getShutdownStrategy().isForceShutdown()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return true;
                    }
                    Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, FORCED_STOP_CHECK_MILLIS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public String toString() {
        return "publish" + publishers.getPublishers();
    }
}
