package org.arroyo.camel.dataformat;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.test.infra.InteropVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arroyo data format in Java and YAML routes, choosing on the message type header. */
class ArroyoDataFormatTest {

    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.getRegistry().bind("arroyo-json", new ArroyoDataFormat(WireFormat.JSON));
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private byte[] vector(String name) {
        return InteropVectors.read(name);
    }

    private void startWith(RouteBuilder routes) throws Exception {
        context.addRoutes(routes);
        context.start();
        template = context.createProducerTemplate();
    }

    @Test
    void javaRouteUnmarshalsChoosesOnTypeAndMarshalsBackToTheSameBytes() throws Exception {
        startWith(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").unmarshal().custom("arroyo")
                        .choice()
                            .when(header(ArroyoConstants.MESSAGE_TYPE).isEqualTo("event")).to("mock:events")
                            .otherwise().to("mock:control")
                        .end()
                        .marshal().custom("arroyo").to("mock:bytes");
            }
        });
        MockEndpoint events = context.getEndpoint("mock:events", MockEndpoint.class);
        MockEndpoint control = context.getEndpoint("mock:control", MockEndpoint.class);
        MockEndpoint bytes = context.getEndpoint("mock:bytes", MockEndpoint.class);
        List<String> files = List.of("sas_start_1.bin", "sas_event_1_uint16.bin", "sas_event_1_float64.bin", "sas_stop_1.bin");
        events.expectedMessageCount(2);
        control.expectedMessageCount(2);
        bytes.expectedBodiesReceived(files.stream().map(this::vector).toArray());

        files.forEach(file -> template.sendBody("direct:in", vector(file)));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(events.getReceivedExchanges().get(0).getMessage().getBody()).isInstanceOf(Event.class);
    }

    @Test
    void yamlRouteUsesTheDataFormatByName() throws Exception {
        context.start();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("arroyo.yaml", """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - unmarshal:
                            custom:
                              ref: arroyo
                        - to: mock:yaml
                """));
        MockEndpoint yaml = context.getEndpoint("mock:yaml", MockEndpoint.class);
        yaml.expectedHeaderReceived(ArroyoConstants.MESSAGE_TYPE, "start");

        context.createProducerTemplate().sendBody("direct:yaml", vector("sas_start_1.bin"));

        yaml.assertIsSatisfied();
        assertThat(yaml.getReceivedExchanges().get(0).getMessage().getBody(Start.class).data()).containsKey("run_name");
    }

    @Test
    void xpsStreamIsPairedIntoEventsCarryingTheirImage() throws Exception {
        startWith(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:xps").process(new JsonImagePairing()).to("mock:xps");
            }
        });
        MockEndpoint xps = context.getEndpoint("mock:xps", MockEndpoint.class);
        xps.expectedHeaderValuesReceivedInAnyOrder(ArroyoConstants.MESSAGE_TYPE, "start", "event", "stop");

        for (String file : List.of("xps_start_1.bin", "xps_event_1.1.bin", "xps_event_1.2.bin", "xps_stop_1.bin")) {
            template.sendBody("direct:xps", vector(file));
        }

        xps.assertIsSatisfied();
        Event event = xps.getReceivedExchanges().get(1).getMessage().getBody(Event.class);
        assertThat(event.metadata()).containsEntry("Frame Number", 1L);
        assertThat(event.array().orElseThrow().shape()).containsExactly(4, 8);
    }

    @Test
    void jsonFormatBeanAndBadInputReachTheCaller() throws Exception {
        startWith(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:json").unmarshal().custom("arroyo-json").to("mock:json");
            }
        });
        MockEndpoint json = context.getEndpoint("mock:json", MockEndpoint.class);
        json.expectedMessageCount(1);

        template.sendBody("direct:json", vector("xps_stop_1.bin"));
        assertThatThrownBy(() -> template.sendBody("direct:json", "{\"msg_type\": \"pause\"}"))
                .hasStackTraceContaining("unknown msg_type 'pause'");

        json.assertIsSatisfied();
    }

    @Test
    void unknownFormatNamesTheValidOnes() {
        assertThatThrownBy(() -> new ArroyoDataFormat().setFormat("protobuf"))
                .hasMessage("unknown Arroyo wire format 'protobuf', expected one of msgpack, multipart, json, raw");
    }
}
