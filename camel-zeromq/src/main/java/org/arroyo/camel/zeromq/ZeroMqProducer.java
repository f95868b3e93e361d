package org.arroyo.camel.zeromq;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.support.DefaultAsyncProducer;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Sends exchanges from any number of route threads through one socket. ZeroMQ sockets are not thread safe, so route
 * threads only convert the body to frames and queue them; the socket's owner thread sends them in order and completes
 * each exchange's callback once its message is queued in ZeroMQ (or its reply arrived, for request-reply).
 */
public class ZeroMqProducer extends DefaultAsyncProducer {

    private record Outgoing(Exchange exchange, List<byte[]> frames, AsyncCallback callback) {
    }

    /** Queued by stop behind every message accepted before it. */
    private static final Outgoing END_OF_QUEUE = new Outgoing(null, List.of(), null);

    private final ZeroMqEndpoint endpoint;
    private final ZeroMqConfiguration configuration;
    private BlockingQueue<Outgoing> queue;
    private ExecutorService ownerThread;
    private Future<?> ownerLoop;
    private ZMQ.Socket socket;
    private volatile boolean running;

    public ZeroMqProducer(ZeroMqEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        int sendHwm = configuration.getSendHwm();
        queue = new LinkedBlockingQueue<>(sendHwm == 0 ? Integer.MAX_VALUE : sendHwm);
        socket = endpoint.openSocket();
        endpoint.getComponent().socketOpened(this);
        running = true;
        ownerThread = endpoint.newOwnerThread(this);
        ownerLoop = ownerThread.submit(this::sendLoop);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (ownerLoop != null) {
            // the loop sends what was queued before the stop, each send bounded by the send and receive timeouts
            queue.put(END_OF_QUEUE);
            ownerLoop.get();
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(ownerThread);
            ownerLoop = null;
        }
        if (socket != null) {
            socket.close();
            socket = null;
        }
        endpoint.getComponent().socketClosed(this);
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            Outgoing outgoing = new Outgoing(exchange, ZeroMqFrames.outgoing(exchange, configuration.getSocketType()),
                    callback);
            if (!running) {
                throw new IllegalStateException("The producer of " + endpoint + " is stopped");
            }
            if (!queue.offer(outgoing, configuration.getSendTimeout(), TimeUnit.MILLISECONDS)) {
                throw new ExchangeTimedOutException(exchange, configuration.getSendTimeout(),
                        "the producer's queue stayed full (sendHwm " + configuration.getSendHwm() + ")");
            }
            // the loop may have drained the queue for the last time while this exchange was being offered
            if (!running && queue.remove(outgoing)) {
                throw new IllegalStateException("The producer of " + endpoint + " stopped while sending");
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private void sendLoop() {
        try {
            for (Outgoing next = queue.take(); next != END_OF_QUEUE; next = queue.take()) {
                send(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // exchanges that raced with the stop: each is sent here or failed by process(), whichever removes it first
        for (Outgoing rest = queue.poll(); rest != null; rest = queue.poll()) {
            send(rest);
        }
    }

    private void send(Outgoing outgoing) {
        Exchange exchange = outgoing.exchange();
        try {
            if (socket == null) {
                socket = endpoint.openSocket();
            }
            if (!ZeroMqFrames.send(socket, outgoing.frames())) {
                String reason = "no room to send: the high water mark (sendHwm " + configuration.getSendHwm()
                                + ") is reached or no peer is connected";
                throw new ExchangeTimedOutException(exchange, configuration.getSendTimeout(), reason);
            }
            if (configuration.getSocketType().canAwaitReply() && endpoint.isRequestReply(exchange.getPattern())) {
                receiveReply(exchange);
            }
        } catch (ZMQException e) {
            exchange.setException(new ZeroMqException("Cannot send to " + configuration.getAddress(), e));
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            outgoing.callback().done(false);
        }
    }

    private void receiveReply(Exchange exchange) throws ExchangeTimedOutException {
        socket.setReceiveTimeOut(configuration.getReceiveTimeout());
        List<byte[]> reply = ZeroMqFrames.receive(socket, 0);
        if (reply == null) {
            // a fresh socket forgets the unanswered request, so a late reply cannot answer the next one
            socket.close();
            socket = null;
            throw new ExchangeTimedOutException(exchange, configuration.getReceiveTimeout(),
                    "no reply from " + configuration.getAddress());
        }
        exchange.getMessage().setBody(ZeroMqFrames.toBody(reply));
    }
}
