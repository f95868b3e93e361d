package org.arroyo.camel.zeromq;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Duration options take what Camel's own duration options take (milliseconds, 2s, 1m30s, PT2S) and reach the socket
 * as milliseconds.
 */
class ZeroMqDurationOptionsTest extends ZeroMqTestSupport {

    private static final String PUSH = "zeromq:PUSH:tcp://127.0.0.1:5599?";

    private ZeroMqConfiguration configuration(String options) {
        return context.getEndpoint(PUSH + options, ZeroMqEndpoint.class).getConfiguration();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2s      | 2000",
            "2000    | 2000",
            "PT2S    | 2000",
            "250ms   | 250",
            "1m30s   | 90000",
            "0       | 0",
    })
    void aDurationIsReadAsCamelReadsDurations(String sendTimeout, long millis) {
        assertThat(configuration("sendTimeout=" + sendTimeout).getSendTimeout()).isEqualTo(millis);
    }

    @Test
    void minusOneMillisecondStillMeansForeverOrNever() {
        ZeroMqConfiguration configuration = configuration("linger=-1&reconnectInterval=-1");

        assertThat(configuration.getLinger()).as("keep unsent messages until sent").isEqualTo(-1);
        assertThat(configuration.getReconnectInterval()).as("never reconnect").isEqualTo(-1);
    }

    @Test
    void everyDurationOptionReachesTheSocketInMilliseconds() {
        ZeroMqEndpoint endpoint = context.getEndpoint(PUSH + "sendTimeout=2s&linger=PT0.5S&reconnectInterval=200ms"
                                                      + "&reconnectIntervalMax=1m&heartbeatInterval=1s"
                                                      + "&heartbeatTimeout=3s&heartbeatTtl=10s", ZeroMqEndpoint.class);

        ZMQ.Socket socket = endpoint.openSocket();
        try {
            assertThat(socket.getSendTimeOut()).isEqualTo(2000);
            assertThat(socket.getLinger()).isEqualTo(500);
            assertThat(socket.getReconnectIVL()).isEqualTo(200);
            assertThat(socket.getReconnectIVLMax()).isEqualTo(60_000);
            assertThat(socket.getHeartbeatIvl()).isEqualTo(1000);
            assertThat(socket.getHeartbeatTimeout()).isEqualTo(3000);
            assertThat(socket.getHeartbeatTtl()).isEqualTo(10_000);
        } finally {
            socket.close();
        }
    }

    @Test
    void theDefaultsAreUnchanged() {
        ZeroMqConfiguration defaults = configuration("");

        assertThat(defaults.getSendTimeout()).isEqualTo(5000);
        assertThat(defaults.getReceiveTimeout()).isEqualTo(10_000);
        assertThat(defaults.getLinger()).isEqualTo(1000);
        assertThat(defaults.getReconnectInterval()).isEqualTo(100);
        assertThat(defaults.getPollTimeout()).isEqualTo(250);
    }

    @Test
    void aSendWaitsForATimeoutWrittenWithAUnit() {
        String push = "zeromq:PUSH:" + freeTcpAddress() + "?immediate=true&sendTimeout=300ms";

        long start = System.nanoTime();
        Exchange exchange = template.send(push, e -> e.getMessage().setBody("nobody is there"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(exchange.getException()).isInstanceOf(ExchangeTimedOutException.class);
        assertThat(((ExchangeTimedOutException) exchange.getException()).getTimeout()).isEqualTo(300);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(250);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sendTimeout=-5      | sendTimeout must be from 0 to 2147483647 ms, got -5 ms",
            "linger=-2           | linger must be from -1 to 2147483647 ms, got -2 ms",
            "receiveTimeout=30d  | receiveTimeout must be from 0 to 2147483647 ms, got 2592000000 ms",
            "sendTimeout=soon    | sendTimeout",
    })
    void aDurationOutOfRangeFailsNamingTheOption(String option, String message) {
        assertThatThrownBy(() -> context.getEndpoint(PUSH + option))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining(message);
    }
}
