package org.arroyo.camel.broker.kafka;

import java.util.Set;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.serde.DefaultKafkaHeaderDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.arroyo.camel.broker.BrokerDefaults;
import org.arroyo.camel.broker.PublishStep;

/**
 * Arroyo's defaults for one kafka endpoint, for the options its URI leaves open:
 * <ul>
 * <li>record values are bytes (msgpack); Arroyo's record headers arrive as text ({@link ArroyoKafkaHeaderDeserializer});</li>
 * <li>at-least-once at the pace of a poll: the route runs each record of a poll in turn, its kafka publishers send
 *     without waiting for each acknowledgement, and the listener commits a poll's offsets once every record it
 *     produced was acknowledged; a failed record is read again ({@code autoCommitEnable=false},
 *     {@code allowManualCommit=true} with {@link RecordOffset.Factory}, {@code breakOnFirstError=true}:
 *     {@link PollListener});</li>
 * <li>publishers key records by run id and mirror metadata into record headers ({@link KafkaRecordStep}).</li>
 * </ul>
 */
public final class KafkaDefaults implements BrokerDefaults {

    @Override
    public String scheme() {
        return "kafka";
    }

    @Override
    public void configure(Endpoint endpoint, Set<String> given) {
        KafkaEndpoint kafka = (KafkaEndpoint) endpoint;
        KafkaConfiguration configuration = kafka.getConfiguration();
        if (!given.contains("valueSerializer") && KafkaConstants.KAFKA_DEFAULT_SERIALIZER.equals(configuration.getValueSerializer())) {
            configuration.setValueSerializer(ByteArraySerializer.class.getName());
        }
        if (!given.contains("valueDeserializer")
                && KafkaConstants.KAFKA_DEFAULT_DESERIALIZER.equals(configuration.getValueDeserializer())) {
            configuration.setValueDeserializer(ByteArrayDeserializer.class.getName());
        }
        if (!given.contains("headerDeserializer") && configuration.getHeaderDeserializer().getClass() == DefaultKafkaHeaderDeserializer.class) {
            configuration.setHeaderDeserializer(new ArroyoKafkaHeaderDeserializer());
        }
        if (!given.contains("autoCommitEnable")) {
            configuration.setAutoCommitEnable(false);
        }
        if (!given.contains("allowManualCommit")) {
            configuration.setAllowManualCommit(true);
        }
        if (!given.contains("breakOnFirstError")) {
            configuration.setBreakOnFirstError(true);
        }
        if (kafka.getKafkaManualCommitFactory() == null) {
            kafka.setKafkaManualCommitFactory(committedByPoll(configuration) ? new RecordOffset.Factory() : new DefaultKafkaManualCommitFactory());
        }
    }

    /**
     * Whether the listener can commit each poll itself ({@link PollListener}): offsets committed by no one else, a
     * failed record read again, one record per exchange. Otherwise camel-kafka's synchronous commit manager commits
     * after each record went through the route.
     */
    private static boolean committedByPoll(KafkaConfiguration configuration) {
        return !configuration.isAutoCommitEnable() && configuration.isAllowManualCommit() && configuration.isBreakOnFirstError()
                && !configuration.isBatching() && configuration.getOffsetRepository() == null;
    }

    @Override
    public Consumer createConsumer(Endpoint endpoint, Processor processor) throws Exception {
        KafkaEndpoint kafka = (KafkaEndpoint) endpoint;
        return kafka.getKafkaManualCommitFactory() instanceof RecordOffset.Factory ? PollListener.createConsumer(kafka, processor)
                : endpoint.createConsumer(processor);
    }

    /** A producer that sends a polled record without waiting ({@link PollRecordProducer}), where it can. */
    @Override
    public AsyncProducer createProducer(Endpoint endpoint) throws Exception {
        KafkaEndpoint kafka = (KafkaEndpoint) endpoint;
        return PollRecordProducer.applies(kafka) ? new PollRecordProducer(kafka) : endpoint.createAsyncProducer();
    }

    @Override
    public PublishStep publishStep(Endpoint endpoint) {
        return new KafkaRecordStep();
    }
}
