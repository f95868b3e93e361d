package org.arroyo.camel.broker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.redis.RedisEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.test.ScanRun;
import org.arroyo.test.TestOperators;
import org.arroyo.test.infra.KafkaBroker;
import org.arroyo.test.infra.RedisBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.serializer.RedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pipeline on Kafka and plain Kafka and spring-redis routes in one CamelContext: the pipeline has
 * Arroyo's delivery defaults on its own endpoints, the plain routes and the components keep Camel's.
 * One context for the class: the tests look at it from different sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainRoutesKeepCamelsBehaviourTest {

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    static final RedisBroker REDIS = new RedisBroker();

    private final CamelContext context = new DefaultCamelContext();
    private final AtomicInteger pipelineEvents = new AtomicInteger();

    private static String kafka(String topic) {
        return "kafka:" + topic + "?brokers=" + KAFKA.bootstrapServers();
    }

    @BeforeAll
    void startRoutes() throws Exception {
        KAFKA.createTopic("detector", 1);
        KAFKA.createTopic("reduced", 1);
        KAFKA.createTopic("plain", 1);
        context.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                pipeline("reduction").listen(kafka("detector") + "&groupId=reduction&autoOffsetReset=earliest")
                        .operator(TestOperators.counting(pipelineEvents)).publish(kafka("reduced"));
            }
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(kafka("plain") + "&groupId=plain&autoOffsetReset=earliest").routeId("plain-kafka").to("mock:plain");
                from("direct:redis").routeId("plain-redis")
                        .to("spring-redis://" + REDIS.address() + "?command=PUBLISH&channels=plain");
            }
        });
        context.start();
    }

    @AfterAll
    void stopCamel() {
        context.stop();
    }

    @Test
    void thePlainKafkaRouteHasCamelsDefaultsAndThePipelineArroyos() {
        KafkaEndpoint plain = (KafkaEndpoint) context.getRoute("plain-kafka").getEndpoint();
        ArroyoDeliveryEndpoint pipeline = (ArroyoDeliveryEndpoint) context.getRoute("reduction").getEndpoint();
        KafkaEndpoint pipelineKafka = (KafkaEndpoint) pipeline.getBroker();

        assertThat(plain.getConfiguration().isAutoCommitEnable()).isTrue();
        assertThat(plain.getConfiguration().isBreakOnFirstError()).isFalse();
        assertThat(plain.getConfiguration().getValueDeserializer()).isEqualTo(StringDeserializer.class.getName());
        assertThat(context.getComponent("kafka", KafkaComponent.class).getConfiguration().isAutoCommitEnable()).isTrue();
        assertThat(context.getComponent("kafka", KafkaComponent.class).getKafkaManualCommitFactory()).isNull();

        assertThat(pipelineKafka.getConfiguration().isAutoCommitEnable()).isFalse();
        assertThat(pipelineKafka.getConfiguration().isAllowManualCommit()).isTrue();
        assertThat(pipelineKafka.getConfiguration().isBreakOnFirstError()).isTrue();
        assertThat(pipeline.getEndpointUri()).startsWith("arroyo:");
        assertThat(context.getEndpoints()).as("the pipeline's broker endpoint is its own, not the context's")
                .doesNotContain(pipelineKafka);
    }

    @Test
    void thePlainKafkaRouteReceivesTextAsCamelSendsItWhileThePipelinePassesARun() throws Exception {
        MockEndpoint mock = context.getEndpoint("mock:plain", MockEndpoint.class);
        mock.expectedBodiesReceived("plain text");
        context.createProducerTemplate().sendBody(kafka("plain"), "plain text");
        KAFKA.send("detector", null, ScanRun.encoded("run-1", 5));

        mock.assertIsSatisfied(60_000);
        assertThat(mock.getReceivedExchanges().get(0).getMessage().getHeader(KafkaConstants.KEY)).isNull();
        List<ConsumerRecord<String, byte[]>> reduced = KAFKA.read("reduced", 7, Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(reduced).extracting(ConsumerRecord::value).containsExactlyElementsOf(ScanRun.encoded("run-1", 5));
        assertThat(reduced).extracting(ConsumerRecord::key).containsOnly("run-1");
        assertThat(pipelineEvents).hasValue(5);
        assertThat(plainRecordValue()).isEqualTo("plain text");
    }

    /** What a plain Kafka client reads from the plain topic: Camel's String serializer wrote it. */
    private static String plainRecordValue() {
        byte[] value = KAFKA.read("plain", 1, Duration.ofSeconds(30), Duration.ZERO).get(0).value();
        return new StringDeserializer().deserialize("plain", value);
    }

    @Test
    void thePlainRedisPublisherIsCamelsOwn() {
        Endpoint plain = context.getRoute("plain-redis").getEndpoint();
        RedisEndpoint publisher = context.getEndpoints().stream().filter(RedisEndpoint.class::isInstance)
                .map(RedisEndpoint.class::cast).findFirst().orElseThrow();

        assertThat(plain.getEndpointUri()).isEqualTo("direct://redis");
        assertThat(publisher.getConfiguration().getSerializer()).as("Camel's default, not Arroyo's byte serializer")
                .isNotSameAs(RedisSerializer.byteArray());
        Exchange sent = context.createProducerTemplate().send("direct:redis",
                exchange -> exchange.getMessage().setBody(WireFormat.MSGPACK.codec().encodeFrame(ScanRun.messages("r", 0).get(0))));
        assertThat(sent.getMessage().getHeader("ArroyoMessageType")).as("no Arroyo publish step ran").isNull();
    }

    @Test
    void arroyoRefusesAComponentItHasNoDefaultsFor() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("arroyo:timer:tick").to("log:x");
            }
        })).isInstanceOf(FailedToCreateRouteException.class)
                .hasStackTraceContaining("arroyo: applies Arroyo's delivery defaults to kafka, spring-redis, spring-rabbitmq endpoints")
                .hasStackTraceContaining("not to timer://tick");
    }

    @Test
    void theStringSerializerOfThePlainProducerIsCamelsDefault() {
        KafkaEndpoint producer = context.getEndpoint(kafka("plain"), KafkaEndpoint.class);
        assertThat(producer.getConfiguration().getValueSerializer()).isEqualTo(StringSerializer.class.getName());
    }
}
