package org.arroyo.camel.zeromq;

import java.util.Properties;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CURVE: only a peer that knows the server's public key gets the messages. Keys come from properties in the form the
 * guide recommends, RAW({{key?nested=false}}), because Z85 uses characters that URIs and placeholders treat specially.
 */
class ZeroMqCurveTest extends ZeroMqTestSupport {

    private static final ZMQ.Curve.KeyPair SERVER = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair CLIENT = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair IMPOSTOR = rawSafeKeyPair();

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties keys = new Properties();
        keys.put("server.public", SERVER.publicKey);
        keys.put("server.secret", SERVER.secretKey);
        keys.put("client.public", CLIENT.publicKey);
        keys.put("client.secret", CLIENT.secretKey);
        keys.put("impostor.public", IMPOSTOR.publicKey);
        return keys;
    }

    /** A key from the properties, safe from URI parsing and from nested placeholder parsing. */
    private static String key(String property) {
        return "RAW({{" + property + "?nested=false}})";
    }

    @Test
    void onlyAPeerWithTheRightServerKeyReceives() throws Exception {
        String address = freeTcpAddress();
        String clientKeys = "&publicKey=" + key("client.public") + "&secretKey=" + key("client.secret");
        addRoutes(routes -> {
            routes.from("zeromq:SUB:" + address + "?serverKey=" + key("server.public") + clientKeys).to("mock:trusted");
            routes.from("zeromq:SUB:" + address + "?serverKey=" + key("impostor.public") + clientKeys).to("mock:wrongKey");
            routes.from("zeromq:SUB:" + address).to("mock:plain");
        });
        MockEndpoint trusted = getMockEndpoint("mock:trusted");
        String pub = "zeromq:PUB:" + address + "?curveServer=true&secretKey=" + key("server.secret");

        sendUntilReceived(() -> template.sendBody(pub, "probe"), trusted);
        for (int i = 0; i < 10; i++) {
            template.sendBody(pub, "secret " + i);
        }

        awaitLastBody(trusted, "secret 9");
        assertThat(getMockEndpoint("mock:wrongKey").getReceivedCounter()).isZero();
        assertThat(getMockEndpoint("mock:plain").getReceivedCounter()).isZero();
    }
}
