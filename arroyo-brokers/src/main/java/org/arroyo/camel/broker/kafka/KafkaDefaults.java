package org.arroyo.camel.broker.kafka;

import java.util.Set;

import org.apache.camel.Endpoint;
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
 * <li>at-least-once: offsets are committed only after the route, publishers included, completed, and a failed
 *     record is read again ({@code autoCommitEnable=false}, {@code allowManualCommit=true} with the synchronous
 *     commit manager, {@code breakOnFirstError=true});</li>
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
        if (kafka.getKafkaManualCommitFactory() == null) {
            kafka.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
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
    }

    @Override
    public PublishStep publishStep(Endpoint endpoint) {
        return new KafkaRecordStep();
    }
}
