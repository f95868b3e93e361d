package org.arroyo.camel.streampy.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.arroyo.camel.streampy.QueueNode;

/**
 * stream-py's metrics receiver as a Camel route: listens for reports on a UDP address and POSTs
 * each one's hub form ({@link MetricsReport#hubJson()}) as {@code application/json} to the
 * monitoring hub, skipping reports that count no latency. The hub URI is any Camel endpoint,
 * usually {@code http://HOST:PORT/PATH} (camel-http). A report that cannot be read goes to the
 * error handler and the receiver goes on.
 */
public class MetricsReceiver extends RouteBuilder {

    private final String name;
    private final String host;
    private final int port;
    private final String hubUri;

    /**
     * @param name   the route id
     * @param host   the address to listen on
     * @param port   the UDP port to listen on (stream-py's {@code --metrics-address})
     * @param hubUri where to POST (stream-py's {@code --uri}), e.g. {@code http://127.0.0.1:5555/post}
     */
    public MetricsReceiver(String name, String host, int port, String hubUri) {
        this.name = Objects.requireNonNull(name, "name");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.hubUri = Objects.requireNonNull(hubUri, "hubUri");
    }

    @Override
    public void configure() {
        from("netty:udp://" + host + ":" + port + "?sync=false&udpByteArrayCodec=true&receiveBufferSizePredictor="
                + QueueNode.MAX_DATAGRAM_BYTES)
                .routeId(name)
                .process(this::toHubForm).id(name + "-hub-form")
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .to(hubUri).id(name + "-post");
    }

    private void toHubForm(Exchange exchange) throws Exception {
        String report = new String(exchange.getMessage().getMandatoryBody(byte[].class), StandardCharsets.UTF_8);
        Optional<String> hubForm = MetricsReport.fromJson(report).hubJson();
        if (hubForm.isPresent()) {
            exchange.getMessage().setBody(hubForm.get());
        } else {
            exchange.setRouteStop(true);
        }
    }
}
