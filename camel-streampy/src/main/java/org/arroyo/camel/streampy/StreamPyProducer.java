package org.arroyo.camel.streampy;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * PUTs the body's text on a queue node (the reply in header {@value StreamPyConstants#REPLY}; an
 * error reply, e.g. a full queue, fails the exchange so Camel's error handler can retry), or sends
 * it as one raw datagram to a socket.
 */
public class StreamPyProducer extends DefaultAsyncProducer {

    private AsyncProducer transport;

    public StreamPyProducer(StreamPyEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public StreamPyEndpoint getEndpoint() {
        return (StreamPyEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Exchange request;
        try {
            String text = StreamPyText.text(exchange.getMessage().getBody());
            request = getEndpoint().request(getEndpoint().getKind() == StreamPyKind.QUEUE
                    ? new QueueCommand.Put(text).text() : text);
        } catch (IllegalArgumentException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return transport.process(request, doneSync -> {
            if (request.getException() != null) {
                exchange.setException(request.getException());
            } else if (getEndpoint().getKind() == StreamPyKind.QUEUE) {
                try {
                    exchange.getMessage().setHeader(StreamPyConstants.REPLY, StreamPyEndpoint.reply(request));
                } catch (RuntimeException e) {
                    exchange.setException(e);
                }
            }
            callback.done(doneSync);
        });
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        transport = getEndpoint().createTransport();
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(transport);
        super.doStop();
    }
}
