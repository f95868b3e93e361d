package org.arroyo.camel.streampy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.channel.FixedRecvByteBufAllocator;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.netty.NettyConfiguration;
import org.apache.camel.component.netty.NettyEndpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.arroyo.camel.codec.Lhhttt;

/**
 * A stream-py queue node or socket. {@code streampy:queue:HOST:PORT}: the consumer polls the node
 * with {@code GET} (at once again after a message, backing off after empty replies) and passes each
 * message on as an event carrying its text ({@link StreamPyText}); the producer {@code PUT}s the
 * body's text and fails the exchange when the node refuses it. {@code streampy:socket:HOST:PORT}:
 * the producer sends the text as one raw UDP datagram (stream-py's {@code --output-type socket}).
 * Transport is camel-netty.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "streampy", title = "stream-py", syntax = "streampy:kind:host:port",
             category = { Category.MESSAGING }, headersClass = StreamPyConstants.class)
public class StreamPyEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "queue: a stream-py queue node; socket: raw datagrams (producer only)", enums = "queue,socket")
    @Metadata(required = true)
    private StreamPyKind kind;
    @UriPath(description = "The host of the queue node or socket")
    @Metadata(required = true)
    private String host;
    @UriPath(description = "The port of the queue node or socket")
    @Metadata(required = true)
    private int port;
    @UriParam(description = "How to reach a queue node: udp (as stream-py) or tcp", enums = "udp,tcp", defaultValue = "udp")
    private String protocol = "udp";
    @UriParam(description = "How long to wait for a queue node's reply", defaultValue = "5000",
              javaType = "java.time.Duration")
    private long requestTimeout = 5000;

    public StreamPyEndpoint(String uri, StreamPyComponent component) {
        super(uri, component);
        // poll at once again after a message, every 10 ms while empty, every 100 ms after 10 empty polls
        setDelay(10);
        setGreedy(true);
        setBackoffIdleThreshold(10);
        setBackoffMultiplier(10);
    }

    @Override
    public Producer createProducer() throws Exception {
        return new StreamPyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (kind != StreamPyKind.QUEUE) {
            throw new IllegalArgumentException("streampy:socket only sends; listen to raw datagrams with netty:udp://"
                    + host + ":" + port + "?udpByteArrayCodec=true");
        }
        StreamPyConsumer consumer = new StreamPyConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The exchange that carries one request over the transport. */
    Exchange request(String text) {
        Exchange request = new DefaultExchange(getCamelContext(), kind == StreamPyKind.QUEUE ? ExchangePattern.InOut
                : ExchangePattern.InOnly);
        request.getMessage().setBody(kind == StreamPyKind.QUEUE ? Lhhttt.encode(text) : text.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /**
     * The text of a queue node's reply to a request that went through.
     *
     * @throws StreamPyRefusedException when the node replied with an error
     */
    static String reply(Exchange request) {
        Object body = request.getMessage().getBody();
        String reply = body instanceof String text ? text : Lhhttt.decode(ByteBuffer.wrap((byte[]) body));
        if (reply.startsWith(QueueNodeProcessor.ERROR)) {
            throw new StreamPyRefusedException(reply);
        }
        return reply;
    }

    /** A started camel-netty producer to the node or socket, for one producer or consumer of this endpoint. */
    AsyncProducer createTransport() throws Exception {
        NettyEndpoint netty = getCamelContext().getEndpoint(transportUri(), NettyEndpoint.class);
        NettyConfiguration configuration = netty.getConfiguration();
        if (protocol.equals("tcp")) {
            configuration.setDecodersAsList(List.of(LhhtttNettyCodec.decoder(false)));
            configuration.setEncodersAsList(List.of(LhhtttNettyCodec.encoder()));
        } else {
            configuration.setOptions(Map.of("RCVBUF_ALLOCATOR", new FixedRecvByteBufAllocator(QueueNode.MAX_DATAGRAM_BYTES)));
        }
        AsyncProducer transport = netty.createAsyncProducer();
        ServiceHelper.startService(transport);
        return transport;
    }

    private String transportUri() {
        if (kind == StreamPyKind.SOCKET) {
            return "netty:udp://" + host + ":" + port + "?sync=false&udpByteArrayCodec=true";
        }
        return "netty:" + protocol + "://" + host + ":" + port + "?sync=true&requestTimeout=" + requestTimeout
                + (protocol.equals("udp") ? "&udpByteArrayCodec=true" : "");
    }

    public StreamPyKind getKind() {
        return kind;
    }

    public void setKind(StreamPyKind kind) {
        this.kind = kind;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = checkedProtocol(protocol);
    }

    /**
     * The protocol name in lower case.
     *
     * @throws IllegalArgumentException unless it is udp or tcp
     */
    static String checkedProtocol(String protocol) {
        String lower = protocol.toLowerCase(Locale.ROOT);
        if (!lower.equals("udp") && !lower.equals("tcp")) {
            throw new IllegalArgumentException("stream-py protocol must be udp or tcp, got '" + protocol + "'");
        }
        return lower;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
