package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.List;

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
 * publisher is sent as it is; otherwise each send gets its own copy of the exchange. A failed send fails the exchange
 * at once (later sends of it do not happen), naming the publisher in {@value ArroyoConstants#PUBLISH_FAILED}, so Camel's
 * error handler sees the original message; a redelivery sends to every publisher again.
 */
public class PublishProcessor extends AsyncProcessorSupport {

    private final Publishers publishers;
    private final PipelineFormat format;

    /**
     * @param publishers where every message goes
     * @param format     how each message is written for them
     */
    public PublishProcessor(Publishers publishers, PipelineFormat format) {
        this.publishers = publishers;
        this.format = format;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Publisher> targets = publishers.current();
        Object body = exchange.getMessage().getBody();
        if (targets.size() == 1 && format == PipelineFormat.MSGPACK && !(body instanceof Outputs)) {
            exchange.setProperty(ArroyoConstants.OUTPUT_INDEX, 0);
            Publisher target = targets.get(0);
            return target.send().process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    exchange.setProperty(ArroyoConstants.PUBLISH_FAILED, target.uri());
                }
                callback.done(doneSync);
            });
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
        return new Sends(exchange, messages, targets, callback).sendFrom(true);
    }

    /** The sends of one exchange, one after the other; a send that completes later carries on in its callback. */
    private static final class Sends {

        private final Exchange exchange;
        private final List<?> messages;
        private final List<Publisher> targets;
        private final AsyncCallback callback;
        private int next;

        Sends(Exchange exchange, List<?> messages, List<Publisher> targets, AsyncCallback callback) {
            this.exchange = exchange;
            this.messages = messages;
            this.targets = targets;
            this.callback = callback;
        }

        /** Sends the rest; returns whether everything was done in the calling thread. */
        boolean sendFrom(boolean sync) {
            while (next < messages.size() * targets.size()) {
                int index = next / targets.size();
                Publisher target = targets.get(next % targets.size());
                next++;
                Exchange copy = exchange.copy();
                copy.setProperty(ArroyoConstants.OUTPUT_INDEX, index);
                put(messages.get(index), copy);
                boolean doneHere = target.send().process(copy, doneSync -> {
                    if (!doneSync && !failed(copy, target, false)) {
                        sendFrom(false);
                    }
                });
                if (!doneHere) {
                    return false;
                }
                if (failed(copy, target, sync)) {
                    return sync;
                }
            }
            callback.done(sync);
            return sync;
        }

        private static void put(Object message, Exchange copy) {
            if (message instanceof WireMessage wire) {
                wire.putInto(copy);
            } else {
                copy.getMessage().setBody(message);
                if (message instanceof ArroyoMessage arroyo) {
                    copy.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, arroyo.type().wireName());
                }
            }
        }

        /** Whether the send failed; if so the exchange carries its exception, names the publisher and is complete. */
        private boolean failed(Exchange copy, Publisher target, boolean sync) {
            if (copy.getException() == null) {
                return false;
            }
            exchange.setException(copy.getException());
            exchange.setProperty(ArroyoConstants.PUBLISH_FAILED, target.uri());
            callback.done(sync);
            return true;
        }
    }

    @Override
    public String toString() {
        return "publish" + publishers.getPublishers();
    }
}
