package org.arroyo.camel.dsl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Processor;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.dataformat.WireMessage;
import org.arroyo.camel.operator.Batching;
import org.arroyo.camel.operator.BatchingProcessor;
import org.arroyo.camel.operator.Decoupling;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.FrameCheck;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.camel.operator.PartitionRecipients;
import org.arroyo.camel.operator.Partitioning;

/**
 * What the Arroyo Kamelets (kamelets/arroyo-*.kamelet.yaml) make of their parameters, read as the other forms read
 * them ({@link SpecReader}): the same names, defaults and messages. The batching and decoupling steps send what they
 * emit to the Kamelet's {@code kamelet:sink}: the steps nested under the calling {@code kamelet} step.
 *
 * <p>The settings are {@code Object}s because Camel's bean factory gives a numeral only to a number parameter, and a
 * duration may be written either way ({@code 1500} or {@code 2s}).
 */
public final class KameletStages {

    private KameletStages() {
    }

    /** The batching step of {@code arroyo-batch-action}. */
    public static BatchingProcessor batching(String templateId, String routeId, Object maxSize, Object maxAge, Object maxIdle) {
        return new BatchingProcessor(sink(templateId, routeId), SpecReader.read(settings("maxSize", maxSize, "maxAge", maxAge, "maxIdle", maxIdle), Batching.class));
    }

    /** The decoupling step of {@code arroyo-decouple-action}. */
    public static DecouplingProcessor decoupling(String templateId, String routeId, Object queueSize, Object threads) {
        return new DecouplingProcessor(sink(templateId, routeId), SpecReader.read(settings("queueSize", queueSize, "threads", threads), Decoupling.class));
    }

    /** The step of {@code arroyo-frames-action}: the frame check named {@code pipeline}. */
    public static FrameCheck frameCheck(String pipeline, Object field, Object countField) {
        return new FrameCheck(pipeline, SpecReader.read(settings("field", field, "countField", countField), FrameChecking.class));
    }

    /**
     * The recipients of {@code arroyo-partition-sink}.
     *
     * @param outputs endpoint URIs separated by commas
     */
    public static PartitionRecipients partitioning(Object by, Object field, Object outputs) {
        Map<String, Object> settings = settings("by", by, "field", field);
        settings.put("outputs", SpecReader.commaSeparated(String.valueOf(outputs)));
        Partitioning partitioning = SpecReader.read(settings, Partitioning.class);
        return new PartitionRecipients(partitioning.partitioner(), partitioning.outputs());
    }

    /** The format of this name, whose {@code wireMessages} and {@code encode} the partition sink and {@code arroyo-write-action} split by. */
    public static PipelineFormat writing(String format) {
        // a Kamelet's parameters travel in a URI query, where the '+' of json+raw arrives as a space
        return SpecReader.read(Map.of("format", format.replace(' ', '+')), FormatSetting.class).format();
    }

    /** The step of {@code arroyo-read-action}: reading messages of this format (one reader per Kamelet route, i.e. per stream). */
    public static Processor reading(String format) {
        return writing(format).reader();
    }

    /** The step a partition sink prepares each send with: a wire message's body in place of it. */
    public static Processor unwrapping() {
        return WireMessage::unwrap;
    }

    /** The one setting of the format Kamelets, read as the other forms read a pipeline's format. */
    record FormatSetting(PipelineFormat format) {
    }

    /** Settings by name; blank ones left out, so that they take their defaults. */
    private static Map<String, Object> settings(Object... namesAndValues) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null && !String.valueOf(value).isBlank()) {
                settings.put((String) namesAndValues[i], value);
            }
        }
        return settings;
    }

    /** The Kamelet route's sink, named in full: it is resolved outside the route (the sink of {@code to} steps is rewritten by Camel). */
    private static String sink(String templateId, String routeId) {
        return "kamelet://sink?templateId=" + templateId + "&routeId=" + routeId;
    }
}
