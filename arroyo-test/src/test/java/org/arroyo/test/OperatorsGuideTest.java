package org.arroyo.test;

import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.operator.Publishers;
import org.arroyo.test.infra.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes of docs/operators.md, as written there (their operator is {@link FrameStatistics}), built in a context
 * that does not start them (the page's detector does not exist here), and their publishers changed as the page
 * changes them at runtime: the Kafka publisher added is started against the Kafka broker in this JVM.
 */
class OperatorsGuideTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    public class Routes extends ArroyoRouteBuilder {
        @Override
        public void configure() {
            errorHandler(deadLetterChannel("file:failed").useOriginalMessage());
            pipeline("stats").listen("zeromq:PULL:tcp://detector:5555")
                    .operator(new FrameStatistics())
                    .publish("zeromq:PUSH:tcp://*:6000?bind=true");
        }
    }

    @Test
    void thePipelinesPublishersAreChangedWhileItIsThere() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.setAutoStartup(false);
        context.getComponent("kafka", KafkaComponent.class).getConfiguration().setBrokers(KAFKA.bootstrapServers());
        context.addRoutes(new Routes());
        context.start();
        try {
            Publishers publishers = context.getRegistry().lookupByNameAndType("stats-publishers", Publishers.class);
            publishers.addPublisher("kafka:stats");
            publishers.removePublisher("zeromq:PUSH:tcp://*:6000?bind=true");

            assertThat(context.getRoute("stats")).isNotNull();
            assertThat(publishers.getPublishers()).containsExactly("kafka:stats");
        } finally {
            context.stop();
        }
    }
}
