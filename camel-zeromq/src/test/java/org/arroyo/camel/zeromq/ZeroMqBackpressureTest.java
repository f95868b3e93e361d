package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full high water mark: PUSH blocks up to sendTimeout and then fails the exchange (never a silent drop); PUB drops by
 * ZeroMQ's design and never blocks.
 */
class ZeroMqBackpressureTest extends ZeroMqTestSupport {

    @Test
    void pushFailsTheExchangesItCannotQueueAndDeliversEveryOneItAccepted() throws Exception {
        String address = freeTcpAddress();
        String push = "zeromq:PUSH:" + address + "?sendHwm=2&sendTimeout=200";
        List<String> accepted = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();

        // nobody listens yet: the socket queues up to its high water mark, then every send times out
        for (int i = 0; i < 6; i++) {
            String body = "message " + i;
            Exchange exchange = template.send(push, e -> e.getMessage().setBody(body));
            if (exchange.getException() == null) {
                accepted.add(body);
            } else {
                failures.add(exchange.getException());
            }
        }
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true").to("mock:pull"));
        MockEndpoint pull = getMockEndpoint("mock:pull");

        assertThat(accepted).isNotEmpty();
        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ExchangeTimedOutException.class).hasMessageContaining("sendHwm 2"));
        awaitCount(pull, accepted.size());
        assertThat(received(pull)).extracting(e -> e.getMessage().getBody(String.class))
                .containsExactlyElementsOf(accepted);
    }

    @Test
    void pushWithImmediateQueuesNothingBeforeAPeerIsConnected() {
        String push = "zeromq:PUSH:" + freeTcpAddress() + "?immediate=true&sendTimeout=100";

        Exchange first = template.send(push, e -> e.getMessage().setBody("nobody is there"));

        assertThat(first.getException()).isInstanceOf(ExchangeTimedOutException.class);
    }

    @Test
    void pubDropsForMissingSubscribersWithoutBlocking() {
        String pub = "zeromq:PUB:" + freeTcpAddress() + "?sendHwm=1&sendTimeout=0";

        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Exchange exchange = template.send(pub, e -> e.getMessage().setBody("frame"));
            if (exchange.getException() != null) {
                failures.add(exchange.getException());
            }
        }

        assertThat(failures).isEmpty();
    }
}
