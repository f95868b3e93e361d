package org.arroyo.docs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zeromq.ZeroMqConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of docs/zeromq-component.md, as written there (DocsCoverageTest checks that each of their lines is
 * here): the sends and the request/reply pairs run on loopback, the routes that name a detector or a beamline host are
 * built and not started.
 */
class ZeroMqComponentPageTest {

    private final CamelContext context = new DefaultCamelContext();
    private final ProducerTemplate template = context.createProducerTemplate();

    @AfterEach
    void stop() {
        context.stop();
    }

    // docs/zeromq-component.md

    @Test
    void theZeroMqRoutesOfTheComponentPageBuild() throws Exception {
        RoutesBuilt.assertBuilt(context, new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:SUB:tcp://detector:5555?topics=frames").to("direct:frames");
                from("direct:results").to("zeromq:PUSH:tcp://*:6000?bind=true");
                // receive frames
                from("zeromq:PULL:tcp://*:6000?bind=true")
                    .process(e -> {
                        Object body = e.getMessage().getBody();   // byte[] or List<byte[]>
                    });
                // PUB/SUB with topic frames: the topic header becomes the first frame and back
                from("direct:frames").setHeader(ZeroMqConstants.TOPIC, constant("frames")).to("zeromq:PUB:tcp://*:5555");
                from("zeromq:SUB:tcp://127.0.0.1:5555?topics=frames&topicFrame=true").log("${header.CamelZeroMqTopic}");
                // PUSH/PULL pipeline (a detector binds PUSH, workers connect PULL)
                from("zeromq:PULL:tcp://detector:9999").to("direct:process");
                // ROUTER producer: send to one DEALER by its identity
                from("direct:dispatch").setHeader(ZeroMqConstants.IDENTITY, constant("worker-1")).to("zeromq:ROUTER:tcp://*:5561");
                // XSUB/XPUB proxy: publishers connect upstream, subscribers downstream; XPUB filters by their subscriptions
                from("zeromq:XSUB:tcp://*:5600?bind=true").to("zeromq:XPUB:tcp://*:5601");
            }
        });
    }

    @Test
    void theZeroMqSendsReachAPuller() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("zeromq:PULL:tcp://127.0.0.1:6000?bind=true").to("mock:frames");
            }
        });
        context.start();
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedMessageCount(2);
        byte[] header = "{\"frame\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] imageBytes = { 1, 2, 3, 4 };

        // one frame
        template.sendBody("zeromq:PUSH:tcp://127.0.0.1:6000", "hello");
        // three frames, the first empty
        template.sendBody("zeromq:PUSH:tcp://127.0.0.1:6000", List.of(new byte[0], header, imageBytes));

        frames.assertIsSatisfied(10_000);
        assertThat(frames.getReceivedExchanges().get(0).getMessage().getBody(String.class)).isEqualTo("hello");
        @SuppressWarnings("unchecked")
        List<byte[]> three = (List<byte[]>) frames.getReceivedExchanges().get(1).getMessage().getBody();
        assertThat(three).containsExactly(new byte[0], header, imageBytes);
    }

    @Test
    void theZeroMqRequestsAreAnswered() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // PAIR both ways
                from("zeromq:PAIR:tcp://*:5580?bind=true&exchangePattern=InOut").transform(simple("got ${bodyAs(String)}"));
                // REQ/REP
                from("zeromq:REP:tcp://*:5570").transform(simple("reply to ${bodyAs(String)}"));
                // DEALER/ROUTER: the reply goes back to the DEALER that asked
                from("zeromq:ROUTER:tcp://*:5560?exchangePattern=InOut").transform(simple("done: ${bodyAs(String)}"));
            }
        });
        context.start();

        String answer = template.requestBody("zeromq:PAIR:tcp://127.0.0.1:5580", "hello", String.class);
        String reply = template.requestBody("zeromq:REQ:tcp://127.0.0.1:5570", "ping", String.class);
        String done = template.requestBody("zeromq:DEALER:tcp://127.0.0.1:5560?identity=worker-1", "job 1", String.class);

        assertThat(List.of(answer, reply, done)).containsExactly("got hello", "reply to ping", "done: job 1");
    }

    @Test
    void theCurveRoutesBuildWithKeysFromProperties() throws Exception {
        Properties keys = new Properties();
        for (String name : List.of("zmq.server", "zmq", "zmq.detector1", "zmq.detector2")) {
            String[] pair = keyPair();
            keys.setProperty(name + ".public", pair[0]);
            keys.setProperty(name + ".secret", pair[1]);
        }
        context.getPropertiesComponent().setInitialProperties(keys);
        RoutesBuilt.assertBuilt(context, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames")
                    .to("zeromq:PUB:tcp://*:5555?curveServer=true&secretKey=RAW({{zmq.server.secret?nested=false}})");
                from("zeromq:SUB:tcp://beamline:5555?serverKey=RAW({{zmq.server.public?nested=false}})"
                     + "&publicKey=RAW({{zmq.public?nested=false}})&secretKey=RAW({{zmq.secret?nested=false}})")
                    .to("direct:frames");

                // a server that accepts two known detectors only
                from("zeromq:PULL:tcp://*:6000?bind=true&curveServer=true&secretKey=RAW({{zmq.server.secret?nested=false}})"
                     + "&allowedClients=RAW({{zmq.detector1.public?nested=false}},{{zmq.detector2.public?nested=false}})")
                    .to("direct:frames");
            }
        });
    }

    /**
     * A key pair as the page says to write it in properties read by RAW(...): each % as %25. A key with ")&" or "{{"
     * needs RAW{...} or another property, as the page says; this snippet shows the common case.
     */
    private static String[] keyPair() {
        org.zeromq.ZMQ.Curve.KeyPair pair = org.zeromq.ZMQ.Curve.generateKeyPair();
        String keys = pair.publicKey + pair.secretKey;
        if (keys.contains(")&") || keys.contains("{{")) {
            return keyPair();
        }
        return new String[] { pair.publicKey.replace("%", "%25"), pair.secretKey.replace("%", "%25") };
    }
}
