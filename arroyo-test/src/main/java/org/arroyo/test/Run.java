package org.arroyo.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;

/**
 * Builds a run, in order: a {@link Start}, events, a {@link Stop}.
 *
 * <pre>{@code
 * List<ArroyoMessage> run = Run.start(Map.of("run_id", "scan-1"))
 *         .event(Map.of("frame_number", 0), NdArray.ofDoubles(new double[] { 1, 2, 3, 4 }, 2, 2))
 *         .event(Map.of("frame_number", 1))
 *         .stop(Map.of("num_frames", 2));
 * List<ArroyoMessage> lossy = Run.start(Map.of("run_id", "scan-2"))
 *         .frames("frame_number", 0, 1, 4, 4, 3)          // 2 missing, 4 twice, 3 late
 *         .stop(Map.of("num_frames", 5));
 * }</pre>
 *
 * For a detector-sized run, {@link ScanRun#messages} makes one of N frames of 128 x 256 uint16.
 */
public final class Run {

    private final List<ArroyoMessage> messages = new ArrayList<>();

    private Run(Start start) {
        messages.add(start);
    }

    /** A run that begins with a start holding {@code data}. */
    public static Run start(Map<String, Object> data) {
        return new Run(new Start(data));
    }

    /** Adds an event with metadata only. */
    public Run event(Map<String, ?> metadata) {
        return event(Event.of(metadata));
    }

    /** Adds an event carrying a frame. */
    public Run event(Map<String, ?> metadata, NdArray frame) {
        return event(Event.of(metadata, frame));
    }

    /**
     * Adds one event per number, in the order given, each with only {@code field} (e.g. {@code frame_number}) in its
     * metadata: a run with gaps, duplicates or frames out of order is written as it arrives, {@code 0, 1, 4, 4, 3}.
     */
    public Run frames(String field, long... numbers) {
        for (long number : numbers) {
            event(Map.of(field, number));
        }
        return this;
    }

    /** Adds an event built some other way, e.g. with an opaque payload. */
    public Run event(Event event) {
        messages.add(event);
        return this;
    }

    /** Ends the run with a stop holding {@code data}: the run's messages in order. */
    public List<ArroyoMessage> stop(Map<String, Object> data) {
        messages.add(new Stop(data));
        return List.copyOf(messages);
    }
}
