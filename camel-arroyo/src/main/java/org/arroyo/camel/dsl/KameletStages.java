package org.arroyo.camel.dsl;

import org.arroyo.camel.operator.BatchingProcessor;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.PartitionRecipients;

/**
 * What the Arroyo Kamelets (kamelets/arroyo-*.kamelet.yaml) make of their parameters, read as the other
 * data forms read them ({@link StageSettings}). The batching and decoupling steps send what they emit to
 * the Kamelet's {@code kamelet:sink}: the steps nested under the calling {@code kamelet} step.
 *
 * <p>The settings are {@code Object}s because Camel's bean factory gives a numeral only to a number
 * parameter, and a duration may be written either way ({@code 1500} or {@code 2s}).
 */
public final class KameletStages {

    private KameletStages() {
    }

    public static BatchingProcessor batching(String templateId, String routeId, Object maxSize, Object maxAge, Object maxIdle) {
        return StageSettings.batching(maxSize, maxAge, maxIdle).processor(sink(templateId, routeId));
    }

    public static DecouplingProcessor decoupling(String templateId, String routeId, Object queueSize, Object threads) {
        return StageSettings.decoupling(queueSize, threads).processor(sink(templateId, routeId));
    }

    public static PartitionRecipients partitioning(Object by, Object field, Object outputs) {
        var partitioning = StageSettings.partitioning(java.util.Map.of("by", by, "field", field, "outputs", outputs));
        return new PartitionRecipients(partitioning.partitioner(), partitioning.outputs());
    }

    /** The Kamelet route's sink, named in full: it is resolved outside the route (the sink of {@code to} steps is rewritten by Camel). */
    private static String sink(String templateId, String routeId) {
        return "kamelet://sink?templateId=" + templateId + "&routeId=" + routeId;
    }
}
