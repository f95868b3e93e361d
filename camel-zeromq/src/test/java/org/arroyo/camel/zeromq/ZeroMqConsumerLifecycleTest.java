package org.arroyo.camel.zeromq;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Suspend and resume, graceful stop and bridging consumer errors to the route's error handler.
 */
class ZeroMqConsumerLifecycleTest extends ZeroMqTestSupport {

    @Test
    void aSuspendedConsumerHoldsMessagesBackUntilResumed() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true").routeId("pull").to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");
        String push = "zeromq:PUSH:" + address;
        template.sendBody(push, "before");
        awaitCount(pull, 1);

        context.getRouteController().suspendRoute("pull");
        for (int i = 0; i < 5; i++) {
            template.sendBody(push, "while suspended " + i);
        }
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> pull.getReceivedCounter() == 1);
        context.getRouteController().resumeRoute("pull");

        awaitCount(pull, 6);
        assertThat(received(pull)).extracting(e -> e.getMessage().getBody(String.class)).containsExactly("before",
                "while suspended 0", "while suspended 1", "while suspended 2", "while suspended 3", "while suspended 4");
    }

    @Test
    void stoppingTheRouteRoutesEveryMessageTheSocketHasAlreadyReceived() throws Exception {
        CountDownLatch firstMessageHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        addRoutes(routes -> routes.from("zeromq:PULL:inproc://graceful?bind=true").routeId("pull")
                .process(e -> {
                    if (e.getMessage().getBody(String.class).equals("message 0")) {
                        firstMessageHeld.countDown();
                        release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    }
                })
                .to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");
        for (int i = 0; i < 20; i++) {
            template.sendBody("zeromq:PUSH:inproc://graceful", "message " + i);
        }
        assertThat(firstMessageHeld.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        // 19 messages now wait inside the consumer's socket while the route is busy with the first one
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            try {
                context.getRouteController().stopRoute("pull");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.countDown();
        stop.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(pull.getReceivedCounter()).isEqualTo(20);
    }

    @Test
    void aMalformedMessageIsBridgedToTheRouteErrorHandlerWithItsFrames() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> {
            routes.errorHandler(routes.deadLetterChannel("mock:dead"));
            routes.from("zeromq:SUB:" + address + "?topicFrame=true&bridgeErrorHandler=true").to("mock:data");
        });
        MockEndpoint data = getMockEndpoint("mock:data");
        MockEndpoint dead = getMockEndpoint("mock:dead");
        String pub = "zeromq:PUB:" + address;
        sendUntilReceived(() -> template.sendBodyAndHeader(pub, "probe", ZeroMqConstants.TOPIC, "status"), data);

        template.sendBody(pub, "no topic frame");

        awaitCount(dead, 1);
        ZeroMqMalformedMessageException problem = received(dead).get(0)
                .getProperty(Exchange.EXCEPTION_CAUGHT, ZeroMqMalformedMessageException.class);
        assertThat(problem).hasMessageContaining("topicFrame=true expects a topic frame followed by at least one data frame");
        assertThat(problem.getFrames()).containsExactly(utf8("no topic frame"));
    }
}
