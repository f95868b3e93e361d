package org.arroyo.camel.broker.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.camel.component.kafka.serde.KafkaHeaderDeserializer;

/** The Arroyo record headers ({@link KafkaRecordStep}) as text; other headers stay bytes, as camel-kafka gives them. */
public final class ArroyoKafkaHeaderDeserializer implements KafkaHeaderDeserializer {

    @Override
    public Object deserialize(String key, byte[] value) {
        return KafkaRecordStep.isArroyoHeader(key) && value != null ? new String(value, StandardCharsets.UTF_8) : value;
    }
}
