package org.arroyo.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.arroyo.camel.zocalo.rabbitmq.DeadLetterQueues;
import org.arroyo.camel.zocalo.rabbitmq.ZocaloRabbitMq;
import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java snippets of docs/zocalo.md, as written there (DocsCoverageTest checks that each of their lines is here): the
 * recipe calls run on the page's file names in target/docs-working-directory (the working directory Surefire gives this
 * module), the dead-letter export and reinjection run against this machine's RabbitMQ, the service that names the
 * facility's broker is built and not started.
 */
class ZocaloPageTest {

    @RegisterExtension
    static final RabbitMqBroker RABBITMQ = new RabbitMqBroker();

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    // docs/zocalo.md

    @Test
    void aRecipeIsReadValidatedGivenParametersMergedAndWritten() throws Exception {
        Files.writeString(Path.of("per-image-analysis.json"), """
                {"1": {"queue": "per_image_analysis", "parameters": {"dcid": "{ispyb_dcid}", "workdir": "{workdir}"}, "output": 2},
                 "2": {"queue": "results"}, "start": [[1, []]]}""");
        String other = """
                {"1": {"queue": "archive"}, "start": [[1, []]]}""";

        Recipe recipe = Recipe.parse(Files.readString(Path.of("per-image-analysis.json")));
        recipe.validate();                                   // RecipeException when python-workflows would refuse it
        Recipe ready = recipe.applyParameters(Map.of("ispyb_dcid", 1001, "workdir", "/dls/i03/data"));
        Recipe both = ready.merge(Recipe.parse(other));      // other's nodes renumbered after ready's
        String json = both.toJson();                         // as python-workflows writes it

        Recipe written = Recipe.parse(json);
        Map<?, ?> parameters = (Map<?, ?>) written.node(1).get("parameters");
        assertThat(String.valueOf(parameters.get("dcid"))).isEqualTo("1001");
        assertThat(parameters.get("workdir")).isEqualTo("/dls/i03/data");
        assertThat(written.node(3)).containsEntry("queue", "archive");
    }

    @Test
    void thePagesRecipeMessageReadsAsTheNodeItIsFor() {
        RecipeMessage message = RecipeMessage.parse(DocsPage.of("zocalo.md").block("json", "\"recipe-pointer\": 2").text());

        assertThat(message.payload()).isEqualTo(Map.of("image", "x.h5"));
        assertThat(message.path()).containsExactly(1L);
        assertThat(message.recipe().node(2)).containsEntry("queue", "results");
    }

    /** The service of the page, made to find spots in a payload's "spots" list above its threshold. */
    public class PerImageAnalysisRoute extends RouteBuilder {

        private final String secret = "not-used: the route is built, not started";

        private final ConnectionFactory rabbit = ZocaloRabbitMq.connectionFactory("rabbitmq.facility", 5672, "zocalo", secret);

        @Override
        public void configure() {
            ZocaloRabbitMq zocalo = new ZocaloRabbitMq(getContext(), rabbit);
            from(zocalo.queue("per_image_analysis"))
                .process(zocalo.service("PerImageAnalysis", step -> {
                    Map<?, ?> image = step.payload(Map.class);
                    double threshold = Double.parseDouble((String) step.parameters().get("threshold"));
                    Spots spots = findSpots(image, threshold);
                    step.sendTo(spots.count() > 0 ? "success" : "failure", spots.toMap());
                }));
        }
    }

    /** The dispatcher of the page, on the page's recipe directory. */
    public class DispatcherRoute extends RouteBuilder {

        private final ZocaloRabbitMq zocalo;

        DispatcherRoute(CamelContext context) {
            super(context);
            zocalo = new ZocaloRabbitMq(context, ZocaloRabbitMq.connectionFactory("rabbitmq.facility", 5672, "zocalo", "secret"));
        }

        @Override
        public void configure() {
            from(zocalo.queue("processing_recipe")).process(zocalo.dispatcher(Path.of("/dls_sw/apps/zocalo/live/recipes")));
        }
    }

    record Spots(List<Double> found) {
        long count() {
            return found.size();
        }

        Map<String, Object> toMap() {
            return Map.of("spots", found);
        }
    }

    static Spots findSpots(Map<?, ?> image, double threshold) {
        return new Spots(((List<?>) image.get("spots")).stream().map(spot -> ((Number) spot).doubleValue()).filter(spot -> spot > threshold).toList());
    }

    @Test
    void theZocaloServiceBuilds() throws Exception {
        RoutesBuilt.assertBuilt(context, new PerImageAnalysisRoute());
    }

    @Test
    void theDispatcherChecksItsRecipeDirectoryAsItIsBuilt() {
        assertThatThrownBy(() -> context.addRoutes(new DispatcherRoute(context)))
                .hasMessage("recipe directory /dls_sw/apps/zocalo/live/recipes does not exist");
    }

    @Test
    void aDeadLetterIsExportedAndReinjectedWhereItDied() throws Exception {
        String deadLetters = RABBITMQ.declareQueueWithDeadLetters("per_image_analysis");
        byte[] body = "{\"payload\": \"x.h5\"}".getBytes(StandardCharsets.UTF_8);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", "per_image_analysis", null, body);
            GetResponse dying = channel.basicGet("per_image_analysis", false);
            channel.basicNack(dying.getEnvelope().getDeliveryTag(), false, false);
        }
        ZocaloRabbitMq zocalo = new ZocaloRabbitMq(context, RABBITMQ.connectionFactory());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> zocalo.deadLetters().count("dlq.per_image_analysis") == 1);

        DeadLetterQueues dlq = zocalo.deadLetters();
        List<Path> files = dlq.export("dlq.per_image_analysis", Path.of("DLQ"));   // drains the queue
        dlq.reinject(files.get(0), null);                                         // back to where it died

        assertThat(deadLetters).isEqualTo("dlq.per_image_analysis");
        assertThat(files).hasSize(1);
        try (Connection connection = RABBITMQ.rawConnection(); Channel channel = connection.createChannel()) {
            GetResponse back = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> channel.basicGet("per_image_analysis", true), response -> response != null);
            assertThat(back.getBody()).isEqualTo(body);
            assertThat(back.getProps().getHeaders()).containsKey(ZocaloConstants.DLQ_REINJECTED);
            assertThat(channel.messageCount("dlq.per_image_analysis")).isZero();
        }
    }
}
