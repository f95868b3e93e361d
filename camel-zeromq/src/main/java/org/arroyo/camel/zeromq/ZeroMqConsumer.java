package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Receives messages on one socket, owned by one thread from Camel's executor service manager. The thread waits at
 * most pollTimeout for a message, so that suspend and stop take effect promptly. Suspending keeps the socket (peers
 * stay connected and ZeroMQ's high water marks hold them back); stopping first routes every message already waiting
 * in the socket, then closes it.
 */
public class ZeroMqConsumer extends DefaultConsumer implements Suspendable {

    private final ZeroMqEndpoint endpoint;
    private final ZeroMqConfiguration configuration;
    private ExecutorService ownerThread;
    private Future<?> receiveLoop;
    private ZMQ.Socket socket;
    private volatile boolean receiving;

    public ZeroMqConsumer(ZeroMqEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        socket = endpoint.openSocket();
        endpoint.getComponent().socketOpened(this);
        socket.setReceiveTimeOut(Math.toIntExact(configuration.getPollTimeout()));
        ownerThread = endpoint.newOwnerThread(this);
        startReceiving();
    }

    @Override
    protected void doSuspend() throws Exception {
        stopReceiving();
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        super.doResume();
        startReceiving();
    }

    @Override
    protected void doStop() throws Exception {
        stopReceiving();
        if (socket != null) {
            routeWaitingMessages();
            socket.close();
            socket = null;
        }
        if (ownerThread != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(ownerThread);
            ownerThread = null;
        }
        endpoint.getComponent().socketClosed(this);
        super.doStop();
    }

    private void startReceiving() {
        receiving = true;
        receiveLoop = ownerThread.submit(this::receiveLoop);
    }

    /** Waits until the loop has routed the message in hand; the socket then belongs to the calling thread. */
    private void stopReceiving() throws Exception {
        receiving = false;
        if (receiveLoop != null) {
            receiveLoop.get();
            receiveLoop = null;
        }
    }

    private void receiveLoop() {
        try {
            while (receiving) {
                List<byte[]> frames = ZeroMqFrames.receive(socket, 0);
                if (frames != null) {
                    route(frames);
                }
            }
        } catch (ZMQException e) {
            // ZeroMQ reports a timeout by returning nothing: an exception means the socket itself is broken
            receiving = false;
            getExceptionHandler().handleException(
                    new ZeroMqException("Stopped receiving from " + configuration.getAddress(), e));
        }
    }

    /** The messages ZeroMQ has already received for this socket, at most one receive high water mark of them. */
    private void routeWaitingMessages() {
        int limit = configuration.getReceiveHwm() == 0 ? Integer.MAX_VALUE : configuration.getReceiveHwm();
        List<byte[]> frames = ZeroMqFrames.receive(socket, ZMQ.DONTWAIT);
        for (int routed = 0; frames != null && routed < limit; routed++) {
            route(frames);
            frames = ZeroMqFrames.receive(socket, ZMQ.DONTWAIT);
        }
    }

    private void route(List<byte[]> frames) {
        Exchange exchange = createExchange(false);
        if (configuration.getSocketType().isLockstep()) {
            exchange.setPattern(ExchangePattern.InOut);
        }
        try {
            ZeroMqFrames.populate(exchange.getMessage(), frames, configuration);
            processInThisThread(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (endpoint.isRequestReply(exchange.getPattern())) {
            reply(exchange, frames);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing ZeroMQ message from " + configuration.getAddress(),
                    exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /**
     * Routes the exchange and waits for it to complete: the socket's thread takes the next message only after this
     * one, which keeps messages in order and lets ZeroMQ's high water marks hold the sender back. Routes whose steps
     * all complete in the calling thread (the usual case) need no waiting at all.
     */
    private void processInThisThread(Exchange exchange) throws InterruptedException {
        CountDownLatch completed = new CountDownLatch(1);
        if (!getAsyncProcessor().process(exchange, doneSync -> completed.countDown())) {
            completed.await();
        }
    }

    /**
     * Sends the route's result back to the sender (to its routing id on ROUTER). A failed exchange is answered with
     * one empty frame, so that the requester is not left waiting and a REP socket can take the next request.
     */
    private void reply(Exchange exchange, List<byte[]> request) {
        try {
            List<byte[]> reply = new ArrayList<>();
            if (configuration.getSocketType() == ZeroMqSocketType.ROUTER) {
                reply.add(request.get(0));
            }
            reply.addAll(exchange.getException() != null ? List.of(new byte[0]) : ZeroMqFrames.bodyFrames(exchange));
            if (!ZeroMqFrames.send(socket, reply)) {
                throw new ExchangeTimedOutException(exchange, configuration.getSendTimeout(),
                        "no room to send the reply within sendTimeout");
            }
        } catch (Exception e) {
            Exception failure = e instanceof ZMQException zmq
                    ? new ZeroMqException("Cannot reply through " + configuration.getAddress(), zmq) : e;
            if (exchange.getException() != null) {
                exchange.getException().addSuppressed(failure);
            } else {
                exchange.setException(failure);
            }
        }
    }
}
