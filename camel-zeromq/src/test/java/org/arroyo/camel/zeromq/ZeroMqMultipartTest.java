package org.arroyo.camel.zeromq;

import java.util.List;
import java.util.Random;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.TypeConverterSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart messages keep their frames, and bodies of any type reach frames through Camel's type converters.
 */
class ZeroMqMultipartTest extends ZeroMqTestSupport {

    /** A body type the component knows nothing about, sent as its text through a registered type converter. */
    record Reading(String sensor, double value) {
    }

    private void pullInto(String address, String mock) throws Exception {
        addRoutes(routes -> routes.from("zeromq:PULL:" + address + "?bind=true").to(mock));
    }

    @Test
    void framesArriveFrameByFrameIncludingEmptyAnd16MiBFrames() throws Exception {
        String address = freeTcpAddress();
        pullInto(address, "mock:frames");
        MockEndpoint frames = getMockEndpoint("mock:frames");
        frames.expectedMessageCount(2);
        byte[] large = new byte[16 * 1024 * 1024];
        new Random(42).nextBytes(large);
        List<byte[]> multipart = List.of(new byte[0], large, utf8("x"), new byte[0]);

        template.sendBody("zeromq:PUSH:" + address, multipart);
        template.sendBody("zeromq:PUSH:" + address, new byte[0]);

        frames.assertIsSatisfied(PATIENCE.toMillis());
        @SuppressWarnings("unchecked")
        List<byte[]> first = received(frames).get(0).getMessage().getBody(List.class);
        assertThat(first).hasSize(4);
        for (int i = 0; i < multipart.size(); i++) {
            assertThat(first.get(i)).as("frame %d", i).isEqualTo(multipart.get(i));
        }
        assertThat(received(frames).get(1).getMessage().getBody()).isEqualTo(new byte[0]);
    }

    @Test
    void inprocCarriesMultipartBetweenEndpointsOfOneContext() throws Exception {
        pullInto("inproc://frames", "mock:inproc");
        MockEndpoint inproc = getMockEndpoint("mock:inproc");
        inproc.expectedMessageCount(1);

        template.sendBody("zeromq:PUSH:inproc://frames", List.of("header", "payload"));

        inproc.assertIsSatisfied(PATIENCE.toMillis());
        assertThat(received(inproc).get(0).getMessage().getBody(List.class)).extracting(ZeroMqTestSupport::text)
                .containsExactly("header", "payload");
    }

    @Test
    void bodiesAndFramesOfAnyTypeGoThroughTypeConverters() throws Exception {
        context.getTypeConverterRegistry().addTypeConverter(byte[].class, Reading.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                Reading reading = (Reading) value;
                return type.cast(utf8(reading.sensor() + "=" + reading.value()));
            }
        });
        String address = freeTcpAddress();
        pullInto(address, "mock:converted");
        MockEndpoint converted = getMockEndpoint("mock:converted");
        converted.expectedMessageCount(2);

        template.sendBody("zeromq:PUSH:" + address, new Reading("temperature", 21.5));
        template.sendBody("zeromq:PUSH:" + address, List.of("run 7", new Reading("pressure", 1.0)));

        converted.assertIsSatisfied(PATIENCE.toMillis());
        assertThat(text(received(converted).get(0).getMessage().getBody())).isEqualTo("temperature=21.5");
        assertThat(received(converted).get(1).getMessage().getBody(List.class)).extracting(ZeroMqTestSupport::text)
                .containsExactly("run 7", "pressure=1.0");
    }

    @Test
    void aBodyThatCannotBecomeFramesFailsTheExchangeNamingTheFrame() {
        String push = "zeromq:PUSH:" + freeTcpAddress();

        Exception emptyMultipart = template.send(push, e -> e.getMessage().setBody(List.of())).getException();
        Exception unconvertible = template.send(push, e -> e.getMessage().setBody(List.of("ok", new Object())))
                .getException();

        assertThat(emptyMultipart).hasStackTraceContaining("a multipart body needs at least one frame");
        assertThat(unconvertible).hasMessageContaining("frame 1 of the multipart body")
                .hasMessageContaining("cannot be converted to byte[]");
    }

    @Test
    void topicFrameAndMultipartBodyTravelTogetherOverPubSub() throws Exception {
        String address = freeTcpAddress();
        String pub = "zeromq:PUB:" + address;
        MockEndpoint events = subscribed("zeromq:SUB:" + address + "?topics=event&topicFrame=true", "mock:events", pub,
                "event");

        template.sendBodyAndHeader(pub, List.of(utf8("{\"frame\":1}"), new byte[] { 0, 1, 2 }), ZeroMqConstants.TOPIC,
                "event");

        Message last = awaitLast(events, message -> message.getBody() instanceof List);
        assertThat(last.getHeader(ZeroMqConstants.TOPIC)).isEqualTo("event");
        assertThat(last.getBody(List.class)).containsExactly(utf8("{\"frame\":1}"), new byte[] { 0, 1, 2 });
    }
}
