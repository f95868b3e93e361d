package org.arroyo.camel.dsl;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.Publishers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java DSL pipelines: operator output, runtime publishers (Java and JMX), errors. */
class PipelineTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    /** Counts events per run and doubles every event: two outputs for one input. */
    static final class CountingDoubler implements Operator {
        private long events;

        @Override
        public List<? extends ArroyoMessage> onStart(Start start) {
            events = 0;
            return List.of(start);
        }

        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            events++;
            return List.of(event, event.withMetadata(Map.of("copy", true)));
        }

        @Override
        public List<? extends ArroyoMessage> onStop(Stop stop) {
            return List.of(new Stop(Map.of("events_seen", events)));
        }
    }

    private static byte[] bytes(ArroyoMessage message) {
        return WireFormat.MSGPACK.codec().encodeFrame(message);
    }

    private ProducerTemplate start(ArroyoRouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void operatorOutputsArePublishedInOrderToEveryPublisher() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("demo").listen("direct:in").operator(new CountingDoubler()).publish("mock:a", "mock:b");
            }
        });
        MockEndpoint a = context.getEndpoint("mock:a", MockEndpoint.class);
        MockEndpoint b = context.getEndpoint("mock:b", MockEndpoint.class);
        a.expectedMessageCount(6);
        b.expectedMessageCount(6);

        template.sendBody("direct:in", bytes(new Start(Map.of("run", "r1"))));
        template.sendBody("direct:in", bytes(Event.of(Map.of("n", 1))));
        template.sendBody("direct:in", bytes(Event.of(Map.of("n", 2))));
        template.sendBody("direct:in", bytes(new Stop(Map.of())));

        MockEndpoint.assertIsSatisfied(context);
        List<Object> bodies = new ArrayList<>();
        a.getReceivedExchanges().forEach(exchange -> bodies.add(exchange.getMessage().getBody()));
        assertThat(bodies).containsExactly(new Start(Map.of("run", "r1")),
                Event.of(Map.of("n", 1)), Event.of(Map.of("copy", true)),
                Event.of(Map.of("n", 2)), Event.of(Map.of("copy", true)),
                new Stop(Map.of("events_seen", 2L)));
        assertThat(b.getReceivedExchanges()).extracting(exchange -> exchange.getProperty(ArroyoConstants.OUTPUT_INDEX))
                .as("each output's place among its input's outputs").containsExactly(0, 0, 1, 0, 1, 0);
        assertThat(context.getRoute("demo")).as("an ordinary Camel route named after the pipeline").isNotNull();
    }

    @Test
    void listenerAndPublisherMayBePropertyPlaceholders() throws Exception {
        context.getPropertiesComponent().addInitialProperty("placed.listener", "direct:placed");
        context.getPropertiesComponent().addInitialProperty("placed.publisher", "mock:placed");
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("placed").listen("{{placed.listener}}").publish("{{placed.publisher}}");
            }
        });
        MockEndpoint out = context.getEndpoint("mock:placed", MockEndpoint.class);
        out.expectedBodiesReceived(new Start(Map.of("run", "r1")));

        template.sendBody("direct:placed", bytes(new Start(Map.of("run", "r1"))));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void publishersAreAddedAndRemovedWhileEventsFlowFromJavaAndJmx() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("live").listen("direct:live").publish("mock:first");
            }
        });
        Publishers publishers = context.getRegistry().lookupByNameAndType("live-publishers", Publishers.class);
        MockEndpoint first = context.getEndpoint("mock:first", MockEndpoint.class);
        MockEndpoint second = context.getEndpoint("mock:second", MockEndpoint.class);
        MockEndpoint third = context.getEndpoint("mock:third", MockEndpoint.class);

        template.sendBody("direct:live", bytes(Event.of(Map.of("n", 1))));
        publishers.addPublisher("mock:second");
        template.sendBody("direct:live", bytes(Event.of(Map.of("n", 2))));
        publishers.removePublisher("mock:first");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("org.apache.camel:context=" + ObjectName.quote(context.getManagementName())
                + ",type=arroyo,name=\"live-publishers\"");
        jmx.invoke(name, "addPublisher", new Object[] { "mock:third" }, new String[] { String.class.getName() });
        template.sendBody("direct:live", bytes(Event.of(Map.of("n", 3))));

        assertThat(first.getReceivedCounter()).isEqualTo(2);
        assertThat(second.getReceivedCounter()).isEqualTo(2);
        assertThat(third.getReceivedCounter()).isEqualTo(1);
        assertThat(jmx.getAttribute(name, "Publishers")).isEqualTo(List.of("mock:second", "mock:third"));
    }

    @Test
    void aPublisherThatFailsFailsTheExchangeWithTheOriginalMessageAndTheNextGoesOn() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").useOriginalMessage());
                // a direct endpoint without a consumer, that does not wait for one, fails every send
                pipeline("half").listen("direct:half").publish("mock:fine", "direct:nobody-listens?block=false");
            }
        });
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
        MockEndpoint fine = context.getEndpoint("mock:fine", MockEndpoint.class);
        byte[] first = bytes(Event.of(Map.of("n", 1)));
        byte[] second = bytes(Event.of(Map.of("n", 2)));
        dead.expectedBodiesReceived(first, second);
        fine.expectedMessageCount(2);

        template.sendBody("direct:half", first);
        template.sendBody("direct:half", second);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getReceivedExchanges().get(0).getProperty("CamelExceptionCaught", Exception.class))
                .hasMessageContaining("direct://nobody-listens");
    }

    @Test
    void aPublisherIsResolvedWhenAddedSoABadUriFailsThere() throws Exception {
        start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("strict").listen("direct:strict").publish("mock:out");
            }
        });
        Publishers publishers = context.getRegistry().lookupByNameAndType("strict-publishers", Publishers.class);

        assertThatThrownBy(() -> publishers.addPublisher("no-such-component:anywhere"))
                .hasMessageContaining("no-such-component://anywhere");
        assertThat(publishers.getPublishers()).containsExactly("mock:out");
    }

    @Test
    void operatorExceptionReachesTheErrorHandlerWithTheOriginalMessageAndTheNextGoesOn() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead").useOriginalMessage());
                pipeline("fragile").listen("direct:fragile").operator(new Operator() {
                    @Override
                    public List<? extends ArroyoMessage> onEvent(Event event) {
                        if (event.metadata().get("n").equals(2L)) {
                            throw new IllegalStateException("cannot reduce frame 2");
                        }
                        return List.of(event);
                    }
                }).publish("mock:out");
            }
        });
        MockEndpoint dead = context.getEndpoint("mock:dead", MockEndpoint.class);
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        byte[] second = bytes(Event.of(Map.of("n", 2)));
        dead.expectedBodiesReceived((Object) second);
        out.expectedMessageCount(2);

        template.sendBody("direct:fragile", bytes(Event.of(Map.of("n", 1))));
        template.sendBody("direct:fragile", second);
        template.sendBody("direct:fragile", bytes(Event.of(Map.of("n", 3))));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(dead.getReceivedExchanges().get(0).getProperty("CamelExceptionCaught", Exception.class))
                .hasMessage("cannot reduce frame 2");
    }
}
