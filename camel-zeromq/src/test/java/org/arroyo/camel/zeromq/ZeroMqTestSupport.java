package org.arroyo.camel.zeromq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.LambdaRouteBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.zeromq.ZMQ;

import static org.awaitility.Awaitility.await;

/**
 * Routes over real ZeroMQ sockets on loopback, each test on free ports found at run time.
 */
abstract class ZeroMqTestSupport extends CamelTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Adds and starts routes written as a lambda. */
    void addRoutes(LambdaRouteBuilder routes) throws Exception {
        RouteBuilder.addRoutes(context, routes);
    }

    /** A tcp address on a free loopback port. */
    static String freeTcpAddress() {
        return "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();
    }

    /**
     * A CURVE key pair that can be written into a URI as RAW(key): a ")&" would end RAW(...) early, a "{{" would
     * start a property placeholder and a "%" must be written "%25" (the guide tells users what to do then;
     * ZeroMqEndpointValidationTest checks the "%25").
     */
    static ZMQ.Curve.KeyPair rawSafeKeyPair() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        String keys = pair.publicKey + " " + pair.secretKey;
        return rawSafeButForPercent(keys) && !keys.contains("%") ? pair : rawSafeKeyPair();
    }

    /** Whether the text, with each "%" written "%25", can be written into a URI as RAW(text). */
    static boolean rawSafeButForPercent(String text) {
        return !text.contains(")&") && !text.contains("{{");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object frame) {
        return new String((byte[]) frame, StandardCharsets.UTF_8);
    }

    /**
     * Keeps sending a probe until the mock has received one: a subscription or a connection that ZeroMQ sets up in
     * the background is then in place.
     */
    static void sendUntilReceived(Runnable probe, MockEndpoint mock) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            probe.run();
            return mock.getReceivedCounter() > 0;
        });
    }

    /**
     * Starts a route from the SUB endpoint into a mock and publishes probes with the topic until one arrives, so the
     * subscription has reached the publisher.
     */
    MockEndpoint subscribed(String subUri, String mock, String pubUri, String probeTopic) throws Exception {
        addRoutes(routes -> routes.from(subUri).to(mock));
        MockEndpoint subscriber = getMockEndpoint(mock);
        sendUntilReceived(() -> template.sendBodyAndHeader(pubUri, "probe", ZeroMqConstants.TOPIC, probeTopic), subscriber);
        return subscriber;
    }

    static void awaitCount(MockEndpoint mock, int count) {
        await().atMost(PATIENCE).until(() -> mock.getReceivedCounter() >= count);
    }

    /** Waits until the last message the mock received has this UTF-8 body. */
    static void awaitLastBody(MockEndpoint mock, String body) {
        awaitLast(mock, message -> message.getBody() instanceof byte[] frame && text(frame).equals(body));
    }

    /** Waits until the last message the mock received matches, and returns it. */
    static Message awaitLast(MockEndpoint mock, Predicate<Message> matches) {
        return await().atMost(PATIENCE).until(() -> {
            List<Exchange> received = mock.getReceivedExchanges();
            return received.isEmpty() ? null : received.get(received.size() - 1).getMessage();
        }, message -> message != null && matches.test(message));
    }

    static List<Exchange> received(MockEndpoint mock) {
        return mock.getReceivedExchanges();
    }
}
