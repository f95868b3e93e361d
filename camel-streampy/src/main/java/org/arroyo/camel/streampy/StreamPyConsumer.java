package org.arroyo.camel.streampy;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Polls a queue node with {@code GET}; each message goes on as an event carrying its text. An empty
 * reply is an idle poll (Camel's backoff applies), an error reply a failed poll.
 */
public class StreamPyConsumer extends ScheduledPollConsumer {

    private AsyncProducer transport;

    public StreamPyConsumer(StreamPyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public StreamPyEndpoint getEndpoint() {
        return (StreamPyEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        Exchange request = getEndpoint().request(QueueCommand.GET.text());
        transport.process(request);
        if (request.getException() != null) {
            throw request.getException();
        }
        String message = StreamPyEndpoint.reply(request);
        if (message.isEmpty()) {
            return 0;
        }
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(StreamPyText.event(message));
        try {
            getProcessor().process(exchange);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing a message from " + getEndpoint(), exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return 1;
    }

    @Override
    protected void doStart() throws Exception {
        transport = getEndpoint().createTransport();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ServiceHelper.stopService(transport);
    }
}
