package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.ZocaloServiceProcess;
import org.arroyo.test.infra.ChildJvm;
import org.arroyo.test.infra.RabbitMqBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in the middle of a recipe killed with SIGKILL while it works through the recipe's
 * messages, and started again: the broker gives back the message it had not acknowledged, every
 * message reaches the next node, and at most that one arrives twice.
 */
class ZocaloServiceCrashTest {

    @RegisterExtension
    static final RabbitMqBroker BROKER = new RabbitMqBroker();

    @RegisterExtension
    final ZocaloFixture fixture = new ZocaloFixture(BROKER);

    private static final int MESSAGES = 200;
    /** The service's prefetch (ZocaloRabbitMq's default): the messages it holds unacknowledged. */
    private static final int PREFETCH = 1;

    @Test
    void aServiceKilledMidRecipeLosesNothingAndRepeatsAtMostTheMessageItHeld() throws Exception {
        String middle = BROKER.declareUniqueQueue("zocalo.middle");
        String results = BROKER.declareUniqueQueue("zocalo.results");
        Recipe recipe = ZocaloServiceProcess.recipe(MESSAGES, middle, results);
        String[] args = { "rabbitmq", RabbitMqBroker.HOST, String.valueOf(RabbitMqBroker.PORT), middle };

        fixture.startRecipe(recipe, Map.of("ID", "crash"));
        long sentOnAtKill;
        try (ChildJvm service = ChildJvm.start("zocalo-crash", ZocaloServiceProcess.class, List.of(), args)) {
            service.awaitOutput(ZocaloServiceProcess.STARTED, Duration.ofSeconds(60));
            await("a third of the recipe's messages sent on").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> fixture.count(results) >= MESSAGES / 3);
            service.kill();
            sentOnAtKill = fixture.count(results);
        }
        assertThat(sentOnAtKill).as("killed mid-recipe").isLessThan(MESSAGES);

        try (ChildJvm service = ChildJvm.start("zocalo-crash", ZocaloServiceProcess.class, List.of(), args)) {
            service.awaitOutput(ZocaloServiceProcess.STARTED, Duration.ofSeconds(60));
            await("the service's queue drained").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> fixture.count(middle) == 0 && fixture.count(results) >= MESSAGES);
        }
        assertThat(fixture.count(middle)).as("acknowledged, nothing came back at the second stop").isZero();

        ZocaloServiceProcess.assertEveryFrameSentOn("RabbitMQ", sentOnAtKill, MESSAGES, framesOf(results), PREFETCH);
    }

    /** The payloads' frame numbers of every message on the queue, taken off it. */
    private static List<Long> framesOf(String queue) throws Exception {
        List<Long> frames = new ArrayList<>();
        try (Connection connection = BROKER.rawConnection(); Channel channel = connection.createChannel()) {
            for (GetResponse response = channel.basicGet(queue, true); response != null; response = channel.basicGet(queue, true)) {
                frames.add(ZocaloServiceProcess.frameSentOn(new String(response.getBody(), StandardCharsets.UTF_8)));
            }
        }
        return frames;
    }
}
