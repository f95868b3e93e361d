package org.arroyo.camel.zocalo.activemq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.Recipe;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.camel.zocalo.ZocaloServiceProcess;
import org.arroyo.test.infra.ActiveMqBroker;
import org.arroyo.test.infra.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jms.core.JmsTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in the middle of a recipe on ActiveMQ, in its own process, killed with SIGKILL while
 * it works through the recipe's messages, and started again; the broker stays up in the test's
 * JVM and the service reaches it over OpenWire. The broker gives back what the killed service had
 * not committed, every message reaches the next node, and at most one arrives twice.
 */
class ZocaloActiveMqServiceCrashTest {

    @RegisterExtension
    static final ActiveMqBroker BROKER = new ActiveMqBroker();

    private static final int MESSAGES = 200;
    /**
     * The messages that can reach the next node twice. The service takes each message in a local JMS
     * transaction on its one consumer and commits it when the route completes; JmsTransport sends the
     * step's output in a transaction of its own, committed before that. A kill between the two commits
     * leaves one message both sent on and uncommitted, so it comes again. The message the consumer has
     * prefetched (queuePrefetch=1) was not processed yet: it comes again without having been sent on.
     */
    private static final int SENT_ON_AND_UNCOMMITTED = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aServiceKilledMidRecipeLosesNothingAndRepeatsAtMostTheMessageItHadSentOn() throws Exception {
        ActiveMQConnectionFactory connectionFactory = ZocaloActiveMq.connectionFactory(BROKER.openWireUrl(), null, null);
        ZocaloActiveMq zocalo = new ZocaloActiveMq(new DefaultCamelContext(), connectionFactory);
        String middle = BROKER.uniqueName("middle");
        String results = BROKER.uniqueName("results");
        Recipe recipe = ZocaloServiceProcess.recipe(MESSAGES, middle, results);
        String[] args = { "activemq", BROKER.openWireUrl(), middle };

        startRecipe(recipe, zocalo, connectionFactory);
        long sentOnAtKill;
        try (ChildJvm service = ChildJvm.start("zocalo-activemq-crash", ZocaloServiceProcess.class, List.of(), args)) {
            service.awaitOutput(ZocaloServiceProcess.STARTED, TIMEOUT);
            await("a third of the recipe's messages sent on").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> BROKER.count(zocalo.destination(results)) >= MESSAGES / 3);
            service.kill();
            sentOnAtKill = BROKER.count(zocalo.destination(results));
        }
        assertThat(sentOnAtKill).as("killed mid-recipe").isLessThan(MESSAGES);

        try (ChildJvm service = ChildJvm.start("zocalo-activemq-crash", ZocaloServiceProcess.class, List.of(), args)) {
            service.awaitOutput(ZocaloServiceProcess.STARTED, TIMEOUT);
            await("the service's queue drained").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> BROKER.count(zocalo.destination(middle)) == 0);
        }
        assertThat(BROKER.count(zocalo.queues().deadLetterQueue(middle))).as("messages the restarted service dead-lettered").isZero();

        List<Long> frames = framesOf(zocalo.destination(results), connectionFactory);
        ZocaloServiceProcess.assertEveryFrameSentOn("ActiveMQ", sentOnAtKill, MESSAGES, frames, SENT_ON_AND_UNCOMMITTED);
    }

    /** Starts {@code recipe} as a dispatcher would: its start payloads to their nodes, in one transaction. */
    private static void startRecipe(Recipe recipe, ZocaloActiveMq zocalo, ActiveMQConnectionFactory connectionFactory) {
        RecipeStep starter = RecipeStep.withoutRecipe(null);
        starter.start(recipe, Map.of("ID", "crash"));
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setSessionTransacted(true);
        new JmsTransport(template, zocalo, ZocaloActiveMq.DEFAULT_STATUS_TOPIC).publish(starter.deliveries());
    }

    /** The payloads' frame numbers of every message on the queue, taken off it. */
    private static List<Long> framesOf(String queue, ActiveMQConnectionFactory connectionFactory) throws Exception {
        List<Long> frames = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message message = consumer.receive(1000); message != null; message = consumer.receive(1000)) {
                frames.add(ZocaloServiceProcess.frameSentOn(ActiveMqBroker.text(message)));
            }
        }
        return frames;
    }
}
