package org.arroyo.camel.zeromq;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.LambdaRouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad URIs and options fail when the endpoint (or its consumer or producer) is created, naming the option.
 */
class ZeroMqEndpointValidationTest extends ZeroMqTestSupport {

    private static final ZMQ.Curve.KeyPair KEYS = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair OTHER_KEYS = rawSafeKeyPair();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zeromq:FOO:tcp://127.0.0.1:5555                    | Unknown socketType 'FOO'",
            "zeromq:PUSH                                        | Expected zeromq:SOCKETTYPE:ADDRESS",
            "zeromq:PUSH:udp://127.0.0.1:5555                   | Invalid address 'udp://127.0.0.1:5555'",
            "zeromq:PUSH:tcp://127.0.0.1                        | Invalid address 'tcp://127.0.0.1': expected tcp://host:port",
            "zeromq:PUSH:tcp://127.0.0.1:99999                  | port '99999' is not a number from 1 to 65535",
            "zeromq:PUSH:tcp://127.0.0.1:5555,ipc://            | Invalid address 'ipc://'",
            "zeromq:PUSH:tcp://*:5555                           | can only be bound, not connected to: set bind=true",
            "zeromq:PUSH:tcp://127.0.0.1:5555?topics=frames     | topics and topicFrame apply to SUB and XSUB",
            "zeromq:PUSH:tcp://127.0.0.1:5555?sendHwm=-5        | sendHwm must be at least 0, got -5",
            "zeromq:SUB:tcp://127.0.0.1:5555?pollTimeout=0      | pollTimeout must be from 1 to 2147483647 ms, got 0 ms",
            "zeromq:PUSH:tcp://127.0.0.1:5555?sendHwm=many      | sendHwm",
            "zeromq:PUSH:tcp://127.0.0.1:5555?sendHighWater=10  | sendHighWater",
            "zeromq:SUB:tcp://127.0.0.1:5555?secretKey=short    | secretKey is not a Z85 CURVE key: expected 40 characters, got 5",
            "zeromq:PUB:tcp://*:5555?curveServer=true           | secretKey is required",
    })
    void badUriFailsWhenTheEndpointIsCreated(String uri, String message) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zeromq:PUSH:tcp://*:6000?bnd=true              | bnd",
            "zeromq:FOO:tcp://127.0.0.1:5555?bnd=true       | bnd",
            "zeromq:PUSH:udp://127.0.0.1:5555?topcs=frames  | topcs",
    })
    void anUnknownOptionIsNamedBeforeAnyOtherCheckOfTheEndpoint(String uri, String option) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasRootCauseMessage("unknown option '" + option + "'; the zeromq options are allowedClients, bind, bridgeErrorHandler, conflate,"
                        + " curveServer, exceptionHandler, exchangePattern, heartbeatInterval, heartbeatTimeout, heartbeatTtl,"
                        + " identity, immediate, lazyStartProducer, linger, maxMsgSize, pollTimeout, publicKey, receiveHwm,"
                        + " receiveTimeout, reconnectInterval, reconnectIntervalMax, secretKey, sendHwm, sendTimeout, serverKey,"
                        + " topicFrame, topics")
                .hasMessageNotContaining("Invalid address").hasMessageNotContaining("socketType");
    }

    @Test
    void badCurveKeysAreNamed() {
        String base = "zeromq:SUB:tcp://127.0.0.1:5555?";
        String client = "publicKey=RAW(" + KEYS.publicKey + ")&secretKey=RAW(" + KEYS.secretKey + ")";

        assertThatThrownBy(() -> context.getEndpoint(base + "serverKey=RAW(" + "~".repeat(40) + ")&" + client))
                .hasStackTraceContaining("serverKey is not a Z85 CURVE key: '~' is not a Z85 character");
        assertThatThrownBy(() -> context.getEndpoint(base + client))
                .hasStackTraceContaining("serverKey is required for a CURVE client");
        assertThatThrownBy(() -> context.getEndpoint(base + "serverKey=RAW(" + OTHER_KEYS.publicKey + ")&publicKey=RAW("
                                                     + OTHER_KEYS.publicKey + ")&secretKey=RAW(" + KEYS.secretKey + ")"))
                .hasStackTraceContaining("publicKey does not belong to secretKey");
    }

    @Test
    void aKeyWithAPercentSignIsReadIntactWhenItIsWrittenAsPercent25() {
        ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
        while (!server.publicKey.matches(".*%[0-9a-fA-F]{2}.*") || !rawSafeButForPercent(server.publicKey)) {
            server = ZMQ.Curve.generateKeyPair();
        }
        String uri = "zeromq:SUB:tcp://127.0.0.1:5555?serverKey=RAW(" + server.publicKey.replace("%", "%25") + ")&publicKey=RAW("
                     + KEYS.publicKey + ")&secretKey=RAW(" + KEYS.secretKey + ")";

        assertThat(context.getEndpoint(uri, ZeroMqEndpoint.class).getConfiguration().getServerKey()).isEqualTo(server.publicKey);
    }

    @Test
    void aSocketTypeOnTheWrongSideFailsWhenTheRouteIsCreated() {
        assertThatThrownBy(() -> addRoutes(route("zeromq:PUB:tcp://127.0.0.1:5555", "mock:never")))
                .hasStackTraceContaining("socketType PUB cannot receive in a consumer (from): use one of SUB, XSUB, PULL");
        assertThatThrownBy(() -> addRoutes(route("direct:in", "zeromq:PULL:tcp://127.0.0.1:5555")))
                .hasStackTraceContaining("socketType PULL cannot send from a producer (to)");
        assertThatThrownBy(() -> addRoutes(route("zeromq:PULL:tcp://127.0.0.1:5555?exchangePattern=InOut", "mock:never")))
                .hasStackTraceContaining("exchangePattern=InOut needs a socket that can reply");
    }

    @Test
    void anAddressInUseFailsTheRouteStartNamingTheAddress() throws Exception {
        String address = freeTcpAddress();
        addRoutes(route("zeromq:PULL:" + address + "?bind=true", "mock:first"));

        // another endpoint URI for the same address, as Camel itself refuses two consumers of one endpoint
        assertThatThrownBy(() -> addRoutes(route("zeromq:PULL:" + address + "?bind=true&pollTimeout=100",
                "mock:second")))
                .isInstanceOf(ZeroMqException.class)
                .hasMessage("Cannot bind to " + address + ": Address already in use (errno 48)");
        assertThat(context.getRouteController().getRouteStatus(context.getRoutes().get(0).getRouteId()).isStarted())
                .isTrue();
    }

    private static LambdaRouteBuilder route(String from, String to) {
        return routes -> routes.from(from).to(to);
    }
}
