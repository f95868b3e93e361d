package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A round trip through Camel routes for every ZeroMQ pattern.
 */
class ZeroMqPatternsTest extends ZeroMqTestSupport {

    @Test
    void pubSubDeliversOnlySubscribedTopicsWithTheTopicAsHeader() throws Exception {
        String address = freeTcpAddress();
        String pub = "zeromq:PUB:" + address;
        MockEndpoint sub = subscribed("zeromq:SUB:" + address + "?topics=frames,status&topicFrame=true", "mock:sub", pub,
                "status");

        template.sendBodyAndHeader(pub, "a", ZeroMqConstants.TOPIC, "frames");
        template.sendBodyAndHeader(pub, "x", ZeroMqConstants.TOPIC, "debug");
        template.sendBodyAndHeader(pub, utf8("b"), ZeroMqConstants.TOPIC, "status");

        awaitLastBody(sub, "b");
        List<String> afterProbes = new ArrayList<>();
        for (Exchange exchange : received(sub)) {
            String body = text(exchange.getMessage().getBody());
            if (!body.equals("probe")) {
                afterProbes.add(exchange.getMessage().getHeader(ZeroMqConstants.TOPIC) + ":" + body);
            }
        }
        assertThat(afterProbes).containsExactly("frames:a", "status:b");
    }

    @Test
    void pushPullDeliversBytesInOrder() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true").to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");
        pull.expectedMessageCount(3);

        for (String body : List.of("one", "two", "three")) {
            template.sendBody("zeromq:PUSH:" + address, body);
        }

        pull.assertIsSatisfied(PATIENCE.toMillis());
        assertThat(received(pull)).extracting(e -> e.getMessage().getBody()).allSatisfy(
                body -> assertThat(body).isInstanceOf(byte[].class));
        assertThat(received(pull)).extracting(e -> text(e.getMessage().getBody())).containsExactly("one", "two", "three");
    }

    @Test
    void pairSendsAndAnswersOverOneConnection() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PAIR:" + address + "?bind=true&exchangePattern=InOut")
                .transform(routes.simple("pair got ${bodyAs(String)}")));

        String reply = template.requestBody("zeromq:PAIR:" + address, "hello", String.class);

        assertThat(reply).isEqualTo("pair got hello");
    }

    @Test
    void reqRepAnswersEveryRequest() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:REP:" + address).transform(routes.simple("reply to ${bodyAs(String)}")));

        for (int i = 0; i < 5; i++) {
            assertThat(template.requestBody("zeromq:REQ:" + address, "request " + i, String.class))
                    .isEqualTo("reply to request " + i);
        }
    }

    @Test
    void aFailedRepExchangeIsAnsweredWithAnEmptyFrameAndTheNextRequestIsServed() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:REP:" + address)
                .filter(routes.body().convertToString().isEqualTo("boom"))
                .throwException(new IllegalStateException("boom"))
                .end()
                .transform(routes.simple("reply to ${bodyAs(String)}")));

        byte[] failed = template.requestBody("zeromq:REQ:" + address, "boom", byte[].class);
        String next = template.requestBody("zeromq:REQ:" + address, "next", String.class);

        assertThat(failed).isEmpty();
        assertThat(next).isEqualTo("reply to next");
    }

    @Test
    void reqAfterAReplyTimeoutGetsItsOwnReplyNotTheLateOne() throws Exception {
        String address = freeTcpAddress();
        CountDownLatch release = new CountDownLatch(1);
        addRoutes(routes -> routes.from("zeromq:REP:" + address)
                .process(e -> {
                    if (e.getMessage().getBody(String.class).equals("slow")) {
                        release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    }
                })
                .transform(routes.simple("reply to ${bodyAs(String)}")));
        String req = "zeromq:REQ:" + address + "?receiveTimeout=300";

        Exchange slow = template.request(req, e -> e.getMessage().setBody("slow"));
        release.countDown();
        String next = template.requestBody(req, "next", String.class);

        assertThat(slow.getException()).isInstanceOf(ExchangeTimedOutException.class);
        assertThat(next).isEqualTo("reply to next");
    }

    @Test
    void routerRepliesToEachDealerByItsIdentity() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:ROUTER:" + address + "?exchangePattern=InOut")
                .process(e -> e.getMessage().setBody("reply to " + e.getMessage().getBody(String.class)
                                                     + " from "
                                                     + text(e.getMessage().getHeader(ZeroMqConstants.IDENTITY)))));

        CompletableFuture<List<String>> alice = CompletableFuture.supplyAsync(() -> requests("alice", address));
        CompletableFuture<List<String>> bob = CompletableFuture.supplyAsync(() -> requests("bob", address));

        assertThat(alice.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .containsExactly("reply to alice-0 from alice", "reply to alice-1 from alice", "reply to alice-2 from alice");
        assertThat(bob.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .containsExactly("reply to bob-0 from bob", "reply to bob-1 from bob", "reply to bob-2 from bob");
    }

    private List<String> requests(String identity, String address) {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replies.add(template.requestBody("zeromq:DEALER:" + address + "?identity=" + identity, identity + "-" + i,
                    String.class));
        }
        return replies;
    }

    @Test
    void routerProducerSendsOnlyToTheNamedPeerAndFailsForAnUnknownOne() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> {
            routes.from("zeromq:DEALER:" + address + "?identity=alice").to("mock:alice");
            routes.from("zeromq:DEALER:" + address + "?identity=bob").to("mock:bob");
        });
        MockEndpoint alice = getMockEndpoint("mock:alice");
        MockEndpoint bob = getMockEndpoint("mock:bob");
        String router = "zeromq:ROUTER:" + address;
        // until a DEALER has connected, the ROUTER does not know its identity and fails the exchange
        sendUntilReceived(() -> sendTo(router, "alice", "hello"), alice);
        sendUntilReceived(() -> sendTo(router, "bob", "hello"), bob);
        int aliceBefore = alice.getReceivedCounter();

        template.sendBodyAndHeader(router, "only for bob", ZeroMqConstants.IDENTITY, "bob");
        Exchange unknown = sendTo(router, "carol", "for nobody");

        awaitLastBody(bob, "only for bob");
        assertThat(received(alice)).hasSize(aliceBefore)
                .extracting(e -> text(e.getMessage().getBody())).containsOnly("hello");
        assertThat(unknown.getException()).isInstanceOf(ZeroMqException.class)
                .hasMessageContaining("Host unreachable");
    }

    private Exchange sendTo(String router, String identity, String body) {
        return template.send(router, e -> {
            e.getMessage().setHeader(ZeroMqConstants.IDENTITY, identity);
            e.getMessage().setBody(body);
        });
    }

    @Test
    void xsubXpubProxyForwardsSubscribedTopics() throws Exception {
        String upstream = freeTcpAddress();
        String downstream = freeTcpAddress();
        addRoutes(routes -> {
            routes.from("zeromq:XSUB:" + upstream + "?bind=true").to("zeromq:XPUB:" + downstream);
            routes.from("zeromq:SUB:" + downstream + "?topics=frames&topicFrame=true").to("mock:proxied");
        });
        MockEndpoint proxied = getMockEndpoint("mock:proxied");
        String publisher = "zeromq:PUB:" + upstream + "?bind=false";

        sendUntilReceived(() -> template.sendBodyAndHeader(publisher, "probe", ZeroMqConstants.TOPIC, "frames"), proxied);
        template.sendBodyAndHeader(publisher, "hidden", ZeroMqConstants.TOPIC, "logs");
        template.sendBodyAndHeader(publisher, "frame 1", ZeroMqConstants.TOPIC, "frames");

        awaitLastBody(proxied, "frame 1");
        assertThat(received(proxied)).extracting(e -> text(e.getMessage().getBody()))
                .containsOnly("probe", "frame 1");
        assertThat(received(proxied)).extracting(e -> e.getMessage().getHeader(ZeroMqConstants.TOPIC))
                .containsOnly("frames");
    }
}
