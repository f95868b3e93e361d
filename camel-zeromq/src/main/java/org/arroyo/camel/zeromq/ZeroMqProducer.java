package org.arroyo.camel.zeromq;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.support.DefaultAsyncProducer;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Sends exchanges from any number of route threads through one socket. ZeroMQ sockets are not thread safe, but may
 * move between threads behind a full memory barrier: a lock gives each route thread the socket in turn, and the
 * calling thread sends itself. Handing every message to a socket-owning thread instead would cost two thread
 * switches per message, several times the cost of the send.
 */
public class ZeroMqProducer extends DefaultAsyncProducer {

    private final ZeroMqEndpoint endpoint;
    private final ZeroMqConfiguration configuration;
    private final ReentrantLock socketLock = new ReentrantLock();
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
        socketLock.lock();
        try {
            socket = endpoint.openSocket();
            endpoint.getComponent().socketOpened(this);
            running = true;
        } finally {
            socketLock.unlock();
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        // a send in progress ends within sendTimeout (and receiveTimeout for a reply); the socket then closes
        socketLock.lock();
        try {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        } finally {
            socketLock.unlock();
        }
        endpoint.getComponent().socketClosed(this);
        super.doStop();
    }

    /** Sends in the calling thread, so the exchange is always complete on return. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            List<byte[]> frames = ZeroMqFrames.outgoing(exchange, configuration.getSocketType());
            if (!socketLock.tryLock(configuration.getSendTimeout(), TimeUnit.MILLISECONDS)) {
                throw new ExchangeTimedOutException(exchange, configuration.getSendTimeout(),
                        "other route threads held the socket of " + configuration.getAddress() + " the whole time");
            }
            try {
                send(exchange, frames);
            } finally {
                socketLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (ZMQException e) {
            exchange.setException(new ZeroMqException("Cannot send to " + configuration.getAddress(), e));
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    private void send(Exchange exchange, List<byte[]> frames) throws ExchangeTimedOutException {
        if (!running) {
            throw new IllegalStateException("The producer of " + endpoint + " is stopped");
        }
        if (socket == null) {
            socket = endpoint.openSocket();
        }
        if (!ZeroMqFrames.send(socket, frames)) {
            throw new ExchangeTimedOutException(exchange, configuration.getSendTimeout(),
                    "no room to send: the high water mark (sendHwm " + configuration.getSendHwm()
                                                                                  + ") is reached or no peer is connected");
        }
        if (configuration.getSocketType().canAwaitReply() && endpoint.isRequestReply(exchange.getPattern())) {
            receiveReply(exchange);
        }
    }

    private void receiveReply(Exchange exchange) throws ExchangeTimedOutException {
        socket.setReceiveTimeOut(Math.toIntExact(configuration.getReceiveTimeout()));
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
