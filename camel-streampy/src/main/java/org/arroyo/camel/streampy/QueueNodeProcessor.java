package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.function.ThrowingSupplier;
import org.arroyo.camel.codec.ArroyoDecodeException;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.streampy.metrics.MessageMeter;

/**
 * Serves stream-py's queue protocol: the body is one LHHTTT frame (bytes, from a datagram) or its
 * text (from a TCP stream), the reply body the framed answer: {@code PUT <n> bytes} (n counts the
 * message's characters, as stream-py's node does), the oldest message or the empty text for
 * {@code GET}, the count for {@code SIZE}, and {@code ERROR <problem>} for anything it cannot serve.
 * The queue opens (and replays its journal) when the route starts and closes when it stops.
 */
public final class QueueNodeProcessor extends ServiceSupport implements Processor {

    /** How every error reply begins. */
    public static final String ERROR = "ERROR ";

    private final ThrowingSupplier<MessageQueue, IOException> queueFactory;
    private final MessageMeter meter;
    private MessageQueue queue;

    /**
     * @param queueFactory opens the queue when the route starts
     * @param meter        counts PUTs in, GETs out and how long messages waited
     */
    public QueueNodeProcessor(ThrowingSupplier<MessageQueue, IOException> queueFactory, MessageMeter meter) {
        this.queueFactory = queueFactory;
        this.meter = meter;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        String reply;
        try {
            String text = body instanceof String command ? command
                    : Lhhttt.decode(ByteBuffer.wrap(exchange.getMessage().getMandatoryBody(byte[].class)));
            reply = execute(QueueCommand.parse(text));
        } catch (ArroyoDecodeException e) {
            reply = ERROR + "malformed LHHTTT frame: " + e.getMessage();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            reply = ERROR + e.getMessage();
        }
        exchange.getMessage().setBody(Lhhttt.encode(reply));
    }

    private String execute(QueueCommand command) {
        if (command instanceof QueueCommand.Put put) {
            queue.put(put.message());
            meter.received();
            return "PUT " + put.message().codePointCount(0, put.message().length()) + " bytes";
        }
        if (command instanceof QueueCommand.Get) {
            MessageQueue.Entry oldest = queue.take();
            if (oldest == null) {
                return "";
            }
            meter.completed(System.nanoTime() - oldest.putNanos());
            return oldest.message();
        }
        return Integer.toString(queue.size());
    }

    @Override
    protected void doStart() throws Exception {
        queue = queueFactory.get();
    }

    @Override
    protected void doStop() throws Exception {
        queue.close();
    }
}
