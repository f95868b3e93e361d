package org.arroyo.camel.zeromq;

import java.util.List;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of one zeromq endpoint. Durations are declared as Camel declares them: a URI takes milliseconds
 * ({@code 2000}), a unit ({@code 2s}, {@code 1m30s}) or ISO-8601 ({@code PT2S}); the getters return milliseconds.
 */
@UriParams
public class ZeroMqConfiguration {

    @UriPath(enums = "PUB,XPUB,SUB,XSUB,PUSH,PULL,PAIR,REQ,REP,DEALER,ROUTER")
    @Metadata(required = true)
    private ZeroMqSocketType socketType;
    @UriPath
    @Metadata(required = true)
    private String address;
    @UriParam(defaultValueNote = "PUB, XPUB, REP and ROUTER bind; the others connect")
    private Boolean bind;
    @UriParam(label = "consumer")
    private String topics;
    @UriParam(label = "consumer")
    private boolean topicFrame;
    @UriParam
    private String identity;
    @UriParam(defaultValue = "1000")
    private int sendHwm = 1000;
    @UriParam(defaultValue = "1000")
    private int receiveHwm = 1000;
    @UriParam(defaultValue = "5000", javaType = "java.time.Duration")
    private long sendTimeout = 5000;
    @UriParam(label = "producer", defaultValue = "10000", javaType = "java.time.Duration")
    private long receiveTimeout = 10000;
    @UriParam(defaultValue = "1000", javaType = "java.time.Duration")
    private long linger = 1000;
    @UriParam(defaultValue = "100", javaType = "java.time.Duration")
    private long reconnectInterval = 100;
    @UriParam(label = "advanced", javaType = "java.time.Duration")
    private long reconnectIntervalMax;
    @UriParam(label = "advanced")
    private boolean immediate;
    @UriParam(label = "advanced")
    private boolean conflate;
    @UriParam(label = "advanced", javaType = "java.time.Duration")
    private long heartbeatInterval;
    @UriParam(label = "advanced", javaType = "java.time.Duration")
    private long heartbeatTimeout;
    @UriParam(label = "advanced", javaType = "java.time.Duration")
    private long heartbeatTtl;
    @UriParam(label = "advanced", defaultValue = "-1")
    private long maxMsgSize = -1;
    @UriParam(label = "consumer,advanced", defaultValue = "250", javaType = "java.time.Duration")
    private long pollTimeout = 250;
    @UriParam(label = "security")
    private boolean curveServer;
    @UriParam(label = "security")
    private String serverKey;
    @UriParam(label = "security")
    private String publicKey;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security")
    private String allowedClients;

    /**
     * Checks the options together, naming the option at fault, so that a bad endpoint fails when it is created.
     */
    public void validate() {
        if (socketType == null) {
            throw new IllegalArgumentException("socketType is required: zeromq:SOCKETTYPE:ADDRESS");
        }
        ZeroMqAddresses.parse(address, isEffectiveBind());
        if (!socketType.isSubscriber() && (topics != null || topicFrame)) {
            throw new IllegalArgumentException("topics and topicFrame apply to SUB and XSUB consumers, not to "
                                               + socketType);
        }
        requireAtLeast("sendHwm", sendHwm, 0);
        requireAtLeast("receiveHwm", receiveHwm, 0);
        requireMillis("sendTimeout", sendTimeout, 0);
        requireMillis("receiveTimeout", receiveTimeout, 0);
        requireMillis("linger", linger, -1);
        requireMillis("reconnectInterval", reconnectInterval, -1);
        requireMillis("reconnectIntervalMax", reconnectIntervalMax, 0);
        requireMillis("heartbeatInterval", heartbeatInterval, 0);
        requireMillis("heartbeatTimeout", heartbeatTimeout, 0);
        requireMillis("heartbeatTtl", heartbeatTtl, 0);
        requireAtLeast("maxMsgSize", maxMsgSize, -1);
        requireMillis("pollTimeout", pollTimeout, 1);
        CurveSecurity.of(this);
    }

    private static void requireAtLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
        }
    }

    /** A duration in milliseconds that a ZeroMQ socket option (an int) can hold. */
    private static void requireMillis(String option, long millis, long minimum) {
        if (millis < minimum || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be from " + minimum + " to " + Integer.MAX_VALUE
                                               + " ms, got " + millis + " ms");
        }
    }

    public boolean isEffectiveBind() {
        return bind != null ? bind : socketType.isBindByDefault();
    }

    public List<String> addresses() {
        return ZeroMqAddresses.parse(address, isEffectiveBind());
    }

    /** The topics a SUB or XSUB socket subscribes to: every message when none are given. */
    public List<String> subscriptions() {
        return topics == null ? List.of("") : List.of(topics.split(",", -1));
    }

    public ZeroMqSocketType getSocketType() {
        return socketType;
    }

    /**
     * The ZeroMQ socket type. Consumers: SUB, XSUB, PULL, PAIR, ROUTER, REP, DEALER. Producers: PUB, XPUB, PUSH, PAIR,
     * DEALER, ROUTER, REQ.
     */
    public void setSocketType(ZeroMqSocketType socketType) {
        this.socketType = socketType;
    }

    public String getAddress() {
        return address;
    }

    /**
     * Where the socket binds or connects: tcp://host:port, ipc://path or inproc://name; several addresses comma
     * separated. A wildcard host or port (an asterisk) can only be bound, so it needs bind=true.
     */
    public void setAddress(String address) {
        this.address = address;
    }

    public Boolean getBind() {
        return bind;
    }

    /**
     * Whether the socket binds to its addresses (true) or connects to them (false). Default: PUB, XPUB, REP and
     * ROUTER bind; SUB, XSUB, PUSH, PULL, PAIR, REQ and DEALER connect.
     */
    public void setBind(Boolean bind) {
        this.bind = bind;
    }

    public String getTopics() {
        return topics;
    }

    /**
     * SUB/XSUB: comma separated topic prefixes to subscribe to. Not set means every message; an empty entry also
     * subscribes to everything.
     */
    public void setTopics(String topics) {
        this.topics = topics;
    }

    public boolean isTopicFrame() {
        return topicFrame;
    }

    /**
     * SUB/XSUB: the first frame of every message is its topic: it is taken off the body into the CamelZeroMqTopic
     * header (a message with no frame after the topic is an error). Off by default, so that multipart messages are
     * delivered whole.
     */
    public void setTopicFrame(boolean topicFrame) {
        this.topicFrame = topicFrame;
    }

    public String getIdentity() {
        return identity;
    }

    /**
     * The routing id of this socket (UTF-8) as ROUTER peers see it, e.g. for a DEALER that a ROUTER producer
     * addresses by the CamelZeroMqIdentity header.
     */
    public void setIdentity(String identity) {
        this.identity = identity;
    }

    public int getSendHwm() {
        return sendHwm;
    }

    /**
     * Send high water mark: how many messages may wait for a peer, per peer (0 = no limit). The producer's own queue
     * holds as many again. When it is full, PUSH, DEALER, PAIR and REQ block (see sendTimeout); PUB and XPUB drop.
     */
    public void setSendHwm(int sendHwm) {
        this.sendHwm = sendHwm;
    }

    public int getReceiveHwm() {
        return receiveHwm;
    }

    /**
     * Receive high water mark: how many received messages may wait to be consumed, per peer (0 = no limit).
     */
    public void setReceiveHwm(int receiveHwm) {
        this.receiveHwm = receiveHwm;
    }

    public long getSendTimeout() {
        return sendTimeout;
    }

    /**
     * How long a send may wait for room (full high water mark or full producer queue) before the exchange fails
     * with an ExchangeTimedOutException; 0 fails at once.
     */
    public void setSendTimeout(long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public long getReceiveTimeout() {
        return receiveTimeout;
    }

    /**
     * How long a REQ producer (or a DEALER or PAIR producer on an InOut exchange) waits for the reply before the
     * exchange fails; the socket is then replaced so that a late reply cannot answer a later request.
     */
    public void setReceiveTimeout(long receiveTimeout) {
        this.receiveTimeout = receiveTimeout;
    }

    public long getLinger() {
        return linger;
    }

    /**
     * How long unsent messages are kept for delivery after the socket closes (-1 = until sent, 0 = drop).
     */
    public void setLinger(long linger) {
        this.linger = linger;
    }

    public long getReconnectInterval() {
        return reconnectInterval;
    }

    /**
     * How long a connecting socket waits before it reconnects to a lost or absent peer (-1 = never reconnect).
     */
    public void setReconnectInterval(long reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    public long getReconnectIntervalMax() {
        return reconnectIntervalMax;
    }

    /**
     * Upper bound of the reconnect interval, which doubles on every failed attempt up to it (0 = no back-off).
     */
    public void setReconnectIntervalMax(long reconnectIntervalMax) {
        this.reconnectIntervalMax = reconnectIntervalMax;
    }

    public boolean isImmediate() {
        return immediate;
    }

    /**
     * Queue messages only to peers whose connection is complete, instead of to every peer that is being connected.
     */
    public void setImmediate(boolean immediate) {
        this.immediate = immediate;
    }

    public boolean isConflate() {
        return conflate;
    }

    /**
     * Keep only the last message in the queues (single-frame messages only), e.g. for the latest detector status.
     */
    public void setConflate(boolean conflate) {
        this.conflate = conflate;
    }

    public long getHeartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Send a ZMTP heartbeat (PING) this often to detect dead peers (0 = off).
     */
    public void setHeartbeatInterval(long heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public long getHeartbeatTimeout() {
        return heartbeatTimeout;
    }

    /**
     * Close the connection when no traffic answers a heartbeat within this time (0 = the heartbeat interval).
     */
    public void setHeartbeatTimeout(long heartbeatTimeout) {
        this.heartbeatTimeout = heartbeatTimeout;
    }

    public long getHeartbeatTtl() {
        return heartbeatTtl;
    }

    /**
     * Tell the peer to close the connection when it hears nothing from this socket for this long (0 = off).
     */
    public void setHeartbeatTtl(long heartbeatTtl) {
        this.heartbeatTtl = heartbeatTtl;
    }

    public long getMaxMsgSize() {
        return maxMsgSize;
    }

    /**
     * Disconnect a peer that sends a frame larger than this many bytes (-1 = no limit).
     */
    public void setMaxMsgSize(long maxMsgSize) {
        this.maxMsgSize = maxMsgSize;
    }

    public long getPollTimeout() {
        return pollTimeout;
    }

    /**
     * How long the consumer waits for a message before it checks whether it must stop or suspend.
     */
    public void setPollTimeout(long pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public boolean isCurveServer() {
        return curveServer;
    }

    /**
     * This socket is a CURVE server: it needs secretKey; clients must know its public key as their serverKey.
     */
    public void setCurveServer(boolean curveServer) {
        this.curveServer = curveServer;
    }

    public String getServerKey() {
        return serverKey;
    }

    /**
     * CURVE client: the server's public key, 40 Z85 characters.
     */
    public void setServerKey(String serverKey) {
        this.serverKey = serverKey;
    }

    public String getPublicKey() {
        return publicKey;
    }

    /**
     * CURVE: this socket's public key, 40 Z85 characters (required for a client, must match secretKey).
     */
    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    /**
     * CURVE: this socket's secret key, 40 Z85 characters. Z85 has characters that URIs treat specially: write the key
     * as RAW(key); docs/zeromq-component.md shows how to take it from properties.
     */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getAllowedClients() {
        return allowedClients;
    }

    /**
     * CURVE server: the public keys (Z85, separated by commas) of the only clients it accepts; ZeroMQ's authentication
     * (ZAP) refuses any other client during the handshake. Without it, any client that knows the server's public key
     * is accepted.
     */
    public void setAllowedClients(String allowedClients) {
        this.allowedClients = allowedClients;
    }
}
