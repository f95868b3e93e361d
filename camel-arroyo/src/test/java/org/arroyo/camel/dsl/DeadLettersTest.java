package org.arroyo.camel.dsl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.LogCapture;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.OperatorProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A pipeline without an error handler of its own: poison goes to the dead letters, once logged, and the pipeline goes on. */
class DeadLettersTest {

    private final CamelContext context = new DefaultCamelContext();

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        context.stop();
    }

    /** Fails on the event whose {@code n} is 2. */
    static final class FailsOnTwo implements Operator {
        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            if (event.metadata().get("n").equals(2L)) {
                throw new IllegalStateException("cannot reduce frame 2");
            }
            return List.of(event);
        }
    }

    private static byte[] event(int n) {
        return WireFormat.MSGPACK.codec().encodeFrame(Event.of(Map.of("n", n)));
    }

    private ProducerTemplate start(RouteBuilder... builders) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DeadLetters.URI_PROPERTY, "file:" + folder);
        context.getPropertiesComponent().setInitialProperties(properties);
        for (RouteBuilder builder : builders) {
            context.addRoutes(builder);
        }
        context.start();
        return context.createProducerTemplate();
    }

    private static ArroyoRouteBuilder fragile() {
        return new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("fragile").listen("direct:fragile").operator(new FailsOnTwo()).publish("mock:out");
            }
        };
    }

    @Test
    void poisonLandsInTheDeadLetterFolderAsItCameWithItsReasonBesideItOnceLoggedAndThePipelineGoesOn() throws Exception {
        ProducerTemplate template = start(fragile());
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedBodiesReceived(event(1), event(3));
        byte[] text = "{\"msg_type\": \"event\"}".getBytes(StandardCharsets.UTF_8);

        try (LogCapture log = new LogCapture()) {
            template.sendBody("direct:fragile", event(1));
            template.sendBody("direct:fragile", text);
            template.sendBody("direct:fragile", event(2));
            template.sendBody("direct:fragile", event(3));

            MockEndpoint.assertIsSatisfied(context);
            assertThat(log.entries()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.level().name()).isEqualTo("WARN");
                assertThat(entry.stackTrace()).isFalse();
                assertThat(entry.text()).startsWith("fragile: ").contains("; dead letter sent to " + folder);
            });
            assertThat(log.entries().get(0).text()).contains("message of " + text.length + " bytes failed");
            assertThat(log.entries().get(1).text())
                    .contains("event of " + event(2).length + " bytes failed: IllegalStateException: cannot reduce frame 2");
        }
        List<Path> letters = files(".msg");
        assertThat(letters).hasSize(2);
        assertThat(letters.stream().map(DeadLettersTest::read)).containsExactlyInAnyOrder(text, event(2));
        for (Path letter : letters) {
            String reason = Files.readString(letter.resolveSibling(letter.getFileName() + ".reason"));
            assertThat(reason).startsWith("fragile: ");
            if (new String(read(letter), StandardCharsets.ISO_8859_1).startsWith("{")) {
                assertThat(reason).contains("the bytes look like JSON text");
            } else {
                assertThat(reason).contains("IllegalStateException: cannot reduce frame 2");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "template", "blocks", "kamelets" })
    void thePipelinesOfTheTemplateOfBlocksFilesAndOfKameletRoutesGetTheDeadLettersToo(String form) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DeadLetters.URI_PROPERTY, "mock:parked");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind("failsOnTwo", new FailsOnTwo());
        context.getRegistry().bind("failsOnTwoStep", new OperatorProcessor(new FailsOnTwo()));
        if (form.equals("kamelets")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("fragile.yaml", """
                    - from:
                        uri: direct:fragile
                        steps:
                          - kamelet:
                              name: arroyo-read-action
                          - process:
                              ref: failsOnTwoStep
                          - to: mock:out
                    """));
        } else if (form.equals("template")) {
            context.addRoutes(new ArroyoTemplates());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("fragile.yaml", """
                    - templatedRoute:
                        routeTemplateRef: arroyo-pipeline
                        parameters:
                          - {name: pipeline, value: fragile}
                          - {name: listener, value: "direct:fragile"}
                          - {name: operator, value: failsOnTwo}
                          - {name: publishers, value: "mock:out"}
                    """));
        } else {
            context.addRoutes(new BlocksRouteBuilder(Files.writeString(folder.resolve("blocks.yaml"), """
                    blocks:
                      - name: fragile
                        operator: failsOnTwo
                        listeners: ["direct:fragile"]
                        publishers: ["mock:out"]
                    """)));
        }
        context.start();
        context.getEndpoint("mock:parked", MockEndpoint.class).expectedBodiesReceived((Object) event(2));
        context.getEndpoint("mock:out", MockEndpoint.class).expectedBodiesReceived((Object) event(3));

        context.createProducerTemplate().sendBody("direct:fragile", event(2));
        context.createProducerTemplate().sendBody("direct:fragile", event(3));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void aPlainRouteWithoutAnArroyoKameletKeepsCamelsErrorHandling() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plain").process(new OperatorProcessor(new FailsOnTwo())).to("mock:out");
            }
        });

        assertThatThrownBy(() -> template.sendBody("direct:plain", event(2)))
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(files("")).isEmpty();
    }

    @Test
    void theDeadLetterEndpointIsAnyCamelEndpointAndGetsTheReasonInHeaders() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DeadLetters.URI_PROPERTY, "mock:parked");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(fragile());
        context.start();
        MockEndpoint parked = context.getEndpoint("mock:parked", MockEndpoint.class);
        parked.expectedBodiesReceived((Object) event(2));
        parked.expectedHeaderReceived(ArroyoConstants.FAILURE_REASON, "IllegalStateException: cannot reduce frame 2");
        parked.expectedHeaderReceived(ArroyoConstants.FAILURE_ROUTE, "fragile");

        context.createProducerTemplate().sendBody("direct:fragile", event(2));

        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void anErrorHandlerOfTheRouteBuilderOrARouteConfigurationIsKept() throws Exception {
        ProducerTemplate template = start(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration().errorHandler(deadLetterChannel("mock:configured").useOriginalMessage());
            }
        }, fragile(), new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:builder").useOriginalMessage());
                pipeline("own").listen("direct:own").operator(new FailsOnTwo()).publish("mock:own-out");
            }
        });
        context.getEndpoint("mock:configured", MockEndpoint.class).expectedBodiesReceived((Object) event(2));
        context.getEndpoint("mock:builder", MockEndpoint.class).expectedBodiesReceived((Object) event(2));

        template.sendBody("direct:fragile", event(2));
        template.sendBody("direct:own", event(2));

        MockEndpoint.assertIsSatisfied(context);
        assertThat(files("")).isEmpty();
    }

    @Test
    void aMessageAPublisherDidNotTakeIsSentAgainToItUntilItIsTakenNeverDeadLettered() throws Exception {
        ProducerTemplate template = start(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                // a direct endpoint that does not wait for a consumer refuses sends until a route consumes it
                pipeline("waiting").listen("direct:waiting").publish("mock:first", "direct:later?block=false");
            }
        });
        MockEndpoint first = context.getEndpoint("mock:first", MockEndpoint.class);
        MockEndpoint later = context.getEndpoint("mock:later", MockEndpoint.class);
        first.expectedBodiesReceived((Object) event(1));
        later.expectedBodiesReceived((Object) event(1));

        try (LogCapture log = new LogCapture()) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> template.sendBody("direct:waiting", event(1)));
            // refused at least twice before a route consumes the second publisher's endpoint
            await().pollDelay(Duration.ofMillis(DeadLetters.PUBLISH_RETRY_MILLIS + 200)).until(() -> !log.entries().isEmpty());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:later").to("mock:later");
                }
            });
            sent.get();

            MockEndpoint.assertIsSatisfied(context);
            assertThat(first.getReceivedCounter()).as("sends to the publisher before the refused one, not repeated").isEqualTo(1);
            assertThat(log.entries()).singleElement().satisfies(entry -> assertThat(entry.text())
                    .startsWith("waiting: event of " + event(1).length + " bytes not taken by direct:later?block=false: ")
                    .contains("sending it again every 1000 ms"));
        }
        assertThat(files("")).isEmpty();
    }

    private List<Path> files(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix)).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
