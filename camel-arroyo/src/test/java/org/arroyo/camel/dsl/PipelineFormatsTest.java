package org.arroyo.camel.dsl;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.operator.Operator;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each format of a Java DSL pipeline on the interop vectors: the listener reads the senders' messages, an operator
 * sees each as a message, and the publisher writes them back; byte-exact conventions give the very bytes sent,
 * json equal values. (json+raw over ZeroMQ: {@link DslGuideTest}.)
 */
class PipelineFormatsTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    static Stream<Arguments> byteExactFormats() {
        return Stream.of(Arguments.of("msgpack", "msgpack"), Arguments.of("multipart", "multipart"), Arguments.of("lhhttt", "lhhttt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteExactFormats")
    void aPipelinePublishesTheVectorsAsTheBytesSent(String format, String codec) throws Exception {
        List<Object> sent = InteropVectors.cases(codec).stream().<Object>map(vector -> vector.frames().size() == 1
                ? InteropVectors.read(vector.frames().get(0)) : vector.frames().stream().map(InteropVectors::read).toList()).toList();

        List<Object> published = run(format, sent);

        assertThat(published.stream().map(PipelineFormatsTest::hex).toList()).isEqualTo(sent.stream().map(PipelineFormatsTest::hex).toList());
    }

    @Test
    void rawBytesAreEventsWhosePayloadIsPublished() throws Exception {
        List<Object> sent = List.of(new byte[] { 1, 2, 3 }, new byte[0], new byte[] { (byte) 0xff });

        assertThat(run("raw", sent).stream().map(PipelineFormatsTest::hex).toList()).isEqualTo(sent.stream().map(PipelineFormatsTest::hex).toList());
    }

    @Test
    void jsonMessagesArePublishedAsEqualJson() throws Exception {
        List<Object> sent = InteropVectors.cases("json").stream().<Object>map(vector -> InteropVectors.read(vector.frames().get(0))).toList();

        List<Object> published = run("json", sent);

        assertThat(published).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(WireFormat.JSON.codec().decode((byte[]) published.get(i))).isEqualTo(WireFormat.JSON.codec().decode((byte[]) sent.get(i)));
        }
    }

    @Test
    void aMessageTheFormatCannotWriteFailsItsExchange() throws Exception {
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                pipeline("texts").format("lhhttt").listen("direct:in").operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) {
                        return List.of(new Start(Map.of("text", StandardCharsets.UTF_8.decode(event.payload()).toString())));
                    }
                }).publish("mock:out");
            }
        });
        context.start();
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
        dead.expectedMessageCount(1);

        context.createProducerTemplate().sendBody("direct:in", Lhhttt.encode("hello"));

        dead.assertIsSatisfied();
        assertThat(dead.getReceivedExchanges().get(0).getProperty("CamelExceptionCaught", Exception.class))
                .hasMessage("the lhhttt convention carries only events' texts, not a start");
    }

    @Test
    void theFormatComesBeforeTheListenerAndIsOneOfTheNamedOnes() {
        assertThatIllegalStateException().isThrownBy(() -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("late").listen("direct:in").format("json");
            }
        })).withMessage("pipeline late: the format comes before listen(uri)");
        assertThatThrownBy(() -> context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("xml").format("xml");
            }
        })).hasMessage("unknown format 'xml', expected one of msgpack, json, json+raw, multipart, raw, lhhttt");
    }

    /** The bodies a pipeline of this format, with an operator that passes every message on, publishes for these. */
    private List<Object> run(String format, List<Object> sent) throws Exception {
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("formats").format(format).listen("direct:in").operator(new Operator() { }).publish("mock:out");
            }
        });
        context.start();
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedMessageCount(sent.size());
        ProducerTemplate template = context.createProducerTemplate();
        sent.forEach(message -> template.sendBody("direct:in", message));
        out.assertIsSatisfied();
        assertThat(out.getReceivedExchanges()).as("the operator saw messages").allMatch(exchange ->
                exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE) != null);
        // a msgpack pipeline publishes the message itself: an endpoint converts it to bytes, the ones it came in
        return out.getReceivedExchanges().stream().map(exchange -> exchange.getMessage().getBody() instanceof ArroyoMessage
                ? exchange.getMessage().getBody(byte[].class) : exchange.getMessage().getBody()).toList();
    }

    private static String hex(Object body) {
        if (body instanceof List<?> frames) {
            return String.join("|", frames.stream().map(PipelineFormatsTest::hex).toList());
        }
        return HexFormat.of().formatHex((byte[]) body);
    }
}
