package org.arroyo.camel.zeromq;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * ZeroMQ's authentication handler (ZAP, RFC 27) of one ZeroMQ context: a CURVE server with allowed clients gets a ZAP
 * domain of its own, and a client whose public key is not on its list is refused during the handshake, before any
 * message. Servers without a list are answered "accepted", as ZeroMQ does when no handler is bound. The handler is bound
 * before the first such server is, so that no connection is accepted unchecked. Keys are never logged.
 */
final class CurveAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(CurveAuthenticator.class);
    private static final String ZAP_ADDRESS = "inproc://zeromq.zap.01";
    private static final int POLL_MILLIS = 100;
    private static final int MAX_WARNED_ADDRESSES = 1024;

    private final Map<String, Set<ByteBuffer>> allowedByDomain = new ConcurrentHashMap<>();
    private final AtomicInteger domains = new AtomicInteger();
    /** Read and written by the handler's thread only. */
    private final Set<String> warnedAddresses = new HashSet<>();
    private final ExecutorService thread;
    private final Future<?> serving;
    private volatile boolean running = true;

    /** Binds the handler in {@code context} and serves it on {@code thread} until {@link #stop()}. */
    CurveAuthenticator(ZMQ.Context context, ExecutorService thread) throws InterruptedException {
        this.thread = thread;
        CountDownLatch bound = new CountDownLatch(1);
        this.serving = thread.submit(() -> serve(context, bound));
        if (!bound.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the ZeroMQ authentication handler did not start within 10 s");
        }
    }

    /** The ZAP domain of a server that accepts these clients' public keys only. */
    String domainAllowing(Set<ByteBuffer> clientKeys) {
        String domain = "arroyo-curve-" + domains.incrementAndGet();
        allowedByDomain.put(domain, Set.copyOf(clientKeys));
        return domain;
    }

    void stop() throws Exception {
        running = false;
        serving.get(10, TimeUnit.SECONDS);
        thread.shutdown();
    }

    private void serve(ZMQ.Context context, CountDownLatch bound) {
        try (ZMQ.Socket handler = context.socket(SocketType.REP)) {
            handler.setReceiveTimeOut(POLL_MILLIS);
            handler.setLinger(0);
            handler.bind(ZAP_ADDRESS);
            bound.countDown();
            while (running) {
                ZMsg request = ZMsg.recvMsg(handler);
                if (request != null) {
                    reply(request).send(handler);
                }
            }
        }
    }

    /**
     * A request has the frames version, request id, domain, address, identity, mechanism, then the credentials (for
     * CURVE, the client's public key); the reply: version, request id, status code and text, user id, metadata.
     */
    private ZMsg reply(ZMsg request) {
        String version = request.popString();
        byte[] requestId = request.pop().getData();
        String domain = request.popString();
        String address = request.popString();
        request.pop(); // identity
        String mechanism = request.popString();
        Set<ByteBuffer> allowed = allowedByDomain.get(domain);
        boolean accepted = allowed == null
                || "CURVE".equals(mechanism) && request.peekFirst() != null && allowed.contains(ByteBuffer.wrap(request.pop().getData()));
        if (allowed != null && !accepted) {
            logRefusal(address);
        }
        ZMsg reply = new ZMsg();
        reply.add(version);
        reply.add(requestId);
        reply.add(accepted ? "200" : "400");
        reply.add(accepted ? "OK" : "client not allowed");
        reply.add(new byte[0]);
        reply.add(new byte[0]);
        return reply;
    }

    /** A refused client reconnects again and again: the first refusal of an address is a warning, the others debug. */
    private void logRefusal(String address) {
        String message = "ZeroMQ CURVE server refused a client at {} whose public key is not among its allowedClients";
        if (warnedAddresses.size() < MAX_WARNED_ADDRESSES && warnedAddresses.add(address)) {
            LOG.warn(message + " (further refusals of this address are logged at DEBUG)", address);
        } else {
            LOG.debug(message, address);
        }
    }
}
