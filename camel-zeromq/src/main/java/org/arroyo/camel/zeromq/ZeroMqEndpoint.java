package org.arroyo.camel.zeromq;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Send and receive messages over ZeroMQ sockets (JeroMQ): PUB/SUB, PUSH/PULL, PAIR, REQ/REP, DEALER/ROUTER,
 * XPUB/XSUB, with multipart messages and CURVE security.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "zeromq", title = "ZeroMQ", syntax = "zeromq:socketType:address",
             category = { Category.MESSAGING }, headersClass = ZeroMqConstants.class)
public class ZeroMqEndpoint extends DefaultEndpoint {

    @UriParam
    private final ZeroMqConfiguration configuration;

    public ZeroMqEndpoint(String uri, ZeroMqComponent component, ZeroMqConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ZeroMqComponent getComponent() {
        return (ZeroMqComponent) super.getComponent();
    }

    public ZeroMqConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() throws Exception {
        ZeroMqSocketType type = configuration.getSocketType();
        if (!type.isProducer()) {
            throw new IllegalArgumentException("socketType " + type + " cannot send from a producer (to): use one of "
                                               + ZeroMqSocketType.names(ZeroMqSocketType::isProducer));
        }
        return new ZeroMqProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ZeroMqSocketType type = configuration.getSocketType();
        if (!type.isConsumer()) {
            throw new IllegalArgumentException("socketType " + type + " cannot receive in a consumer (from): use one"
                                               + " of " + ZeroMqSocketType.names(ZeroMqSocketType::isConsumer));
        }
        if (getExchangePattern() == ExchangePattern.InOut && !type.canReply()) {
            throw new IllegalArgumentException("exchangePattern=InOut needs a socket that can reply ("
                                               + ZeroMqSocketType.names(ZeroMqSocketType::canReply) + "), not " + type);
        }
        ZeroMqConsumer consumer = new ZeroMqConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Whether the exchange expects a reply from the peer: always for REQ and REP, on InOut for the others. */
    boolean isRequestReply(ExchangePattern pattern) {
        return configuration.getSocketType().isLockstep() || pattern.isOutCapable();
    }

    ExecutorService newOwnerThread(Object owner) {
        return getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(owner,
                "ZeroMQ " + configuration.getSocketType() + " " + configuration.getAddress());
    }

    /**
     * Opens a socket with this endpoint's options and binds or connects it to every address; a failure names the
     * address and closes the socket.
     */
    ZMQ.Socket openSocket() {
        ZMQ.Socket socket = getComponent().zmqContext().socket(configuration.getSocketType().jeromqType());
        try {
            applyOptions(socket);
            for (String address : configuration.addresses()) {
                attach(socket, address);
            }
            subscribe(socket);
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void applyOptions(ZMQ.Socket socket) {
        socket.setSndHWM(configuration.getSendHwm());
        socket.setRcvHWM(configuration.getReceiveHwm());
        // JeroMQ takes milliseconds as int; validate() keeps every duration within that range
        socket.setSendTimeOut(Math.toIntExact(configuration.getSendTimeout()));
        socket.setLinger(Math.toIntExact(configuration.getLinger()));
        socket.setReconnectIVL(Math.toIntExact(configuration.getReconnectInterval()));
        socket.setReconnectIVLMax(Math.toIntExact(configuration.getReconnectIntervalMax()));
        // JeroMQ's flag means "attach pipes at once", the inverse of libzmq's ZMQ_IMMEDIATE that the option follows
        socket.setImmediate(!configuration.isImmediate());
        socket.setConflate(configuration.isConflate());
        socket.setHeartbeatIvl(Math.toIntExact(configuration.getHeartbeatInterval()));
        socket.setHeartbeatTimeout(Math.toIntExact(configuration.getHeartbeatTimeout()));
        socket.setHeartbeatTtl(Math.toIntExact(configuration.getHeartbeatTtl()));
        socket.setMaxMsgSize(configuration.getMaxMsgSize());
        if (configuration.getIdentity() != null) {
            socket.setIdentity(configuration.getIdentity().getBytes(StandardCharsets.UTF_8));
        }
        if (configuration.getSocketType() == ZeroMqSocketType.ROUTER) {
            // a message for an unknown peer fails the exchange instead of vanishing
            socket.setRouterMandatory(true);
        }
        CurveSecurity curve = CurveSecurity.of(configuration);
        if (curve != null) {
            curve.applyTo(socket, getComponent());
        }
    }

    private void attach(ZMQ.Socket socket, String address) {
        boolean bind = configuration.isEffectiveBind();
        try {
            if (bind) {
                socket.bind(address);
            } else {
                socket.connect(address);
            }
        } catch (ZMQException e) {
            throw new ZeroMqException("Cannot " + (bind ? "bind to " : "connect to ") + address, e);
        }
    }

    private void subscribe(ZMQ.Socket socket) {
        if (!configuration.getSocketType().isSubscriber()) {
            return;
        }
        for (String topic : configuration.subscriptions()) {
            byte[] prefix = topic.getBytes(StandardCharsets.UTF_8);
            if (configuration.getSocketType() == ZeroMqSocketType.SUB) {
                socket.subscribe(prefix);
            } else {
                // an XSUB subscribes by sending the subscription message upstream: 0x01 followed by the prefix
                byte[] subscription = new byte[prefix.length + 1];
                subscription[0] = 1;
                System.arraycopy(prefix, 0, subscription, 1, prefix.length);
                socket.send(subscription);
            }
        }
    }
}
