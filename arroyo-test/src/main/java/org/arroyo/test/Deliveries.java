package org.arroyo.test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.arroyo.camel.codec.WireFormat;

/**
 * What a pipeline delivered against what it was sent, message by message (compared by their
 * bytes): what is lost, how many came twice, whether the first deliveries kept the order. For
 * tests that crash a pipeline or restart its broker.
 *
 * <pre>{@code
 * List<byte[]> sent = Deliveries.run("crash-1", 3000);
 * ...
 * Deliveries deliveries = Deliveries.of(sent, received);
 * assertThat(deliveries.lost()).isEmpty();
 * }</pre>
 */
public final class Deliveries {

    private final List<Integer> lost;
    private final int duplicates;
    private final boolean inOrder;

    private Deliveries(List<Integer> lost, int duplicates, boolean inOrder) {
        this.lost = lost;
        this.duplicates = duplicates;
        this.inOrder = inOrder;
    }

    /** A run of {@code events} small events ({@code frame_number} 0, 1, ...; no frame) between a start and a stop, as msgpack. */
    public static List<byte[]> run(String runId, int events) {
        return run(runId, 0, events);
    }

    /** As {@link #run(String, int)}, numbering the frames from {@code firstFrame}: runs numbered apart hold no equal event. */
    public static List<byte[]> run(String runId, long firstFrame, int events) {
        Run run = Run.start(Map.of("run_id", runId));
        for (long frame = firstFrame; frame < firstFrame + events; frame++) {
            run.event(Map.of("frame_number", frame));
        }
        return run.stop(Map.of("run_id", runId, "num_frames", (long) events)).stream()
                .map(WireFormat.MSGPACK.codec()::encodeFrame).toList();
    }

    /** Compares what was received with what was sent; messages sent are distinct. */
    public static Deliveries of(List<byte[]> sent, List<byte[]> received) {
        Map<ByteBuffer, Integer> indexOfSent = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            indexOfSent.put(ByteBuffer.wrap(sent.get(i)), i);
        }
        Set<ByteBuffer> firstDeliveries = new LinkedHashSet<>();
        received.forEach(message -> firstDeliveries.add(ByteBuffer.wrap(message)));
        List<Integer> order = firstDeliveries.stream().map(indexOfSent::get).toList();
        if (order.contains(null)) {
            throw new IllegalArgumentException("a message was received that was never sent");
        }
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!firstDeliveries.contains(ByteBuffer.wrap(sent.get(i)))) {
                lost.add(i);
            }
        }
        boolean inOrder = true;
        for (int i = 1; i < order.size(); i++) {
            inOrder &= order.get(i - 1) < order.get(i);
        }
        return new Deliveries(List.copyOf(lost), received.size() - firstDeliveries.size(), inOrder);
    }

    /** The positions in the sent list of the messages never received. */
    public List<Integer> lost() {
        return lost;
    }

    /** How many deliveries repeated a message received before. */
    public int duplicates() {
        return duplicates;
    }

    /** Whether each message's first delivery came in the order sent. */
    public boolean inOrder() {
        return inOrder;
    }

    @Override
    public String toString() {
        String which = lost.isEmpty() ? "" : lost.size() <= 10 ? " " + lost : " (" + lost.get(0) + " to " + lost.get(lost.size() - 1) + ")";
        return lost.size() + " lost" + which + ", " + duplicates + " duplicates, "
                + (inOrder ? "in order" : "out of order");
    }
}
