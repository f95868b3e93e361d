package org.arroyo.camel.broker.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.apache.camel.component.kafka.serde.DefaultKafkaHeaderDeserializer;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.EndpointStrategy;
import org.arroyo.camel.broker.PublishStepEndpoint;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Readies camel-kafka for Arroyo messages:
 * <ul>
 * <li>component defaults (a customizer, so {@code camel.component.kafka.*} properties and URI options
 *     still override them): record values are bytes; offsets are committed by the consumer only
 *     after the route, publishers included, completed, and a failed record is not committed but
 *     read again ({@code autoCommitEnable=false}, {@code allowManualCommit=true} with the synchronous
 *     commit manager, {@code breakOnFirstError=true}): at-least-once; Arroyo record headers arrive
 *     as text ({@link ArroyoKafkaHeaderDeserializer});</li>
 * <li>each kafka endpoint's producer keys records by run id and mirrors metadata into record
 *     headers ({@link KafkaRecordStep}).</li>
 * </ul>
 */
public final class KafkaSupport implements EndpointStrategy {

    /** The name of the customizer in the registry. */
    public static final String CUSTOMIZER = "arroyo-kafka-defaults";

    private KafkaSupport() {
    }

    public static void install(CamelContext context) {
        context.getRegistry().bind(CUSTOMIZER, ComponentCustomizer.forType(KafkaComponent.class, KafkaSupport::applyDefaults));
        context.getCamelContextExtension().registerEndpointCallback(new KafkaSupport());
    }

    static void applyDefaults(KafkaComponent component) {
        KafkaConfiguration configuration = component.getConfiguration();
        if (KafkaConstants.KAFKA_DEFAULT_SERIALIZER.equals(configuration.getValueSerializer())) {
            configuration.setValueSerializer(ByteArraySerializer.class.getName());
        }
        if (KafkaConstants.KAFKA_DEFAULT_DESERIALIZER.equals(configuration.getValueDeserializer())) {
            configuration.setValueDeserializer(ByteArrayDeserializer.class.getName());
        }
        if (configuration.getHeaderDeserializer().getClass() == DefaultKafkaHeaderDeserializer.class) {
            configuration.setHeaderDeserializer(new ArroyoKafkaHeaderDeserializer());
        }
        if (component.getKafkaManualCommitFactory() == null) {
            component.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
        }
        configuration.setAutoCommitEnable(false);
        configuration.setAllowManualCommit(true);
        configuration.setBreakOnFirstError(true);
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        return endpoint instanceof KafkaEndpoint ? new PublishStepEndpoint(endpoint, new KafkaRecordStep()) : endpoint;
    }
}
