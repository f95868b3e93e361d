package org.arroyo.camel.zeromq;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CURVE over real sockets, both ways: a client without the server's public key, or with a wrong one, exchanges no
 * message with the server, and a server that lists its allowed clients refuses any other, though it knows the server's
 * key. Keys come from properties in the form the guide recommends, RAW({{key?nested=false}}), because Z85 uses
 * characters that URIs and placeholders treat specially. Everything logged meanwhile, at DEBUG, names no key.
 */
class ZeroMqCurveTest extends ZeroMqTestSupport {

    private static final ZMQ.Curve.KeyPair SERVER = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair CLIENT = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair IMPOSTOR = rawSafeKeyPair();
    private static final ZMQ.Curve.KeyPair ANOTHER_CLIENT = rawSafeKeyPair();
    private static final int MESSAGES = 10;

    private final StringWriter log = new StringWriter();
    private WriterAppender capture;
    private Level rootLevel;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties keys = new Properties();
        keys.put("server.public", SERVER.publicKey);
        keys.put("server.secret", SERVER.secretKey);
        keys.put("client.public", CLIENT.publicKey);
        keys.put("client.secret", CLIENT.secretKey);
        keys.put("impostor.public", IMPOSTOR.publicKey);
        keys.put("impostor.secret", IMPOSTOR.secretKey);
        keys.put("another.public", ANOTHER_CLIENT.publicKey);
        return keys;
    }

    /** Keys from the properties, separated by commas, safe from URI parsing and from nested placeholder parsing. */
    private static String key(String... properties) {
        return "RAW(" + String.join(",", Stream.of(properties).map(property -> "{{" + property + "?nested=false}}").toList()) + ")";
    }

    /** The options of a CURVE client with the given server key and key pair (properties {@code name.public/secret}). */
    private static String client(String serverKey, String name) {
        return "serverKey=" + key(serverKey) + "&publicKey=" + key(name + ".public") + "&secretKey=" + key(name + ".secret");
    }

    /** Without allowedClients every client with the server's key receives; with it, only those it lists. */
    @ParameterizedTest(name = "server lists its clients: {0}")
    @ValueSource(booleans = { false, true })
    void aPublishingServerReachesOnlyClientsWithItsKeyAndOnItsList(boolean listsClients) throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> {
            routes.from("zeromq:SUB:" + address + "?" + client("server.public", "client")).to("mock:listed");
            routes.from("zeromq:SUB:" + address + "?" + client("server.public", "impostor")).to("mock:unlisted");
            routes.from("zeromq:SUB:" + address + "?" + client("impostor.public", "client")).to("mock:wrongKey");
            routes.from("zeromq:SUB:" + address).to("mock:plain");
        });
        String pub = "zeromq:PUB:" + address + "?curveServer=true&secretKey=" + key("server.secret")
                + (listsClients ? "&allowedClients=" + key("another.public", "client.public") : "");
        MockEndpoint listed = getMockEndpoint("mock:listed");
        MockEndpoint unlisted = getMockEndpoint("mock:unlisted");

        sendUntilReceived(() -> template.sendBody(pub, "probe"), listed);
        if (!listsClients) {
            sendUntilReceived(() -> template.sendBody(pub, "probe"), unlisted);
        }
        for (int i = 0; i < MESSAGES; i++) {
            template.sendBody(pub, "frame " + i);
        }

        awaitLastBody(listed, "frame " + (MESSAGES - 1));
        if (listsClients) {
            assertThat(unlisted.getReceivedCounter()).as("messages to a client the server does not list").isZero();
        } else {
            awaitLastBody(unlisted, "frame " + (MESSAGES - 1));
        }
        assertThat(getMockEndpoint("mock:wrongKey").getReceivedCounter()).as("messages to a wrong server key").isZero();
        assertThat(getMockEndpoint("mock:plain").getReceivedCounter()).as("messages to a client without CURVE").isZero();
    }

    @Test
    void theServerSeesNothingFromAClientWithoutItsKey() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true&curveServer=true&secretKey=" + key("server.secret"))
                .to("mock:server"));
        MockEndpoint server = getMockEndpoint("mock:server");

        sendFromEachClient(address, client("impostor.public", "client"), server);

        assertThat(bodies(server)).allMatch(body -> body.startsWith("trusted")).contains("trusted " + (MESSAGES - 1));
    }

    @Test
    void aServerRefusesAClientItDoesNotList() throws Exception {
        String address = freeTcpAddress();
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true&curveServer=true&secretKey=" + key("server.secret")
                + "&allowedClients=" + key("client.public")).to("mock:server"));
        MockEndpoint server = getMockEndpoint("mock:server");

        sendFromEachClient(address, client("server.public", "impostor"), server);

        assertThat(bodies(server)).allMatch(body -> body.startsWith("trusted")).contains("trusted " + (MESSAGES - 1));
        assertThat(log.toString()).as("the refusal is logged").contains("whose public key is not among its allowedClients");
    }

    @Test
    void allowedClientsAreAServersAndErrorsAboutThemNameNoKey() {
        String address = freeTcpAddress();

        assertThatThrownBy(() -> context.getEndpoint("zeromq:SUB:" + address + "?" + client("server.public", "client")
                + "&allowedClients=" + key("another.public")))
                .hasStackTraceContaining("allowedClients applies to a CURVE server: set curveServer=true")
                .satisfies(ZeroMqCurveTest::namesNoKey);
        assertThatThrownBy(() -> context.getEndpoint("zeromq:PULL:" + address + "?bind=true&curveServer=true&secretKey="
                + key("server.secret") + "&allowedClients=RAW({{client.public?nested=false}},short)"))
                .hasStackTraceContaining("allowedClients is not a Z85 CURVE key: expected 40 characters, got 5")
                .satisfies(ZeroMqCurveTest::namesNoKey);
    }

    private static void namesNoKey(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SERVER.secretKey, CLIENT.secretKey, IMPOSTOR.secretKey);
    }

    /**
     * The unwelcome client (with {@code unwelcomeOptions}) and a plain one send first, then the trusted client, until
     * the server has its messages: ZeroMQ connects in the background, and the others had as long to get through. A
     * refused client's sends may time out (it has no peer): the server must see none of them either way.
     */
    private void sendFromEachClient(String address, String unwelcomeOptions, MockEndpoint server) {
        String unwelcome = "zeromq:PUSH:" + address + "?sendTimeout=200&" + unwelcomeOptions;
        String plain = "zeromq:PUSH:" + address + "?sendTimeout=200";
        String trusted = "zeromq:PUSH:" + address + "?" + client("server.public", "client");
        for (int i = 0; i < MESSAGES; i++) {
            String body = " " + i;
            template.send(unwelcome, exchange -> exchange.getMessage().setBody("unwelcome" + body));
            template.send(plain, exchange -> exchange.getMessage().setBody("plain" + body));
        }
        sendUntilReceived(() -> template.sendBody(trusted, "trusted probe"), server);
        for (int i = 0; i < MESSAGES; i++) {
            template.sendBody(trusted, "trusted " + i);
        }
        awaitLastBody(server, "trusted " + (MESSAGES - 1));
    }

    private static List<String> bodies(MockEndpoint mock) {
        return received(mock).stream().map(exchange -> text(exchange.getMessage().getBody())).toList();
    }

    /** Everything at INFO, this project's loggers at DEBUG (Camel's own DEBUG shows resolved property values). */
    @BeforeEach
    void captureLog() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        capture = WriterAppender.newBuilder().setName("curve-test").setTarget(log)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger - %message %throwable%n").build()).build();
        capture.start();
        LoggerConfig root = logging.getConfiguration().getRootLogger();
        rootLevel = root.getLevel();
        root.addAppender(capture, Level.DEBUG, null);
        Configurator.setRootLevel(Level.INFO);
        Configurator.setLevel("org.arroyo", Level.DEBUG);
    }

    @AfterEach
    void noKeyInTheLog() throws Exception {
        context.stop(); // what stopping logs is checked too
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(capture.getName());
        Configurator.setLevel("org.arroyo", rootLevel);
        Configurator.setRootLevel(rootLevel);
        capture.stop();

        assertThat(log.toString()).as("what was logged").isNotBlank()
                .doesNotContain(SERVER.secretKey, CLIENT.secretKey, IMPOSTOR.secretKey)
                .doesNotContain(SERVER.publicKey, CLIENT.publicKey, IMPOSTOR.publicKey, ANOTHER_CLIENT.publicKey);
    }
}
