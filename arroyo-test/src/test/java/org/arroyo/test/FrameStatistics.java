package org.arroyo.test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;

/** The operator of docs/operators.md, as written there: the mean of each frame, the frame count at the stop. */
public class FrameStatistics implements Operator {
    private long frames;

    @Override
    public List<? extends ArroyoMessage> onStart(Start start) {
        frames = 0;                                   // per-run state: reset at the start
        return List.of(start);
    }

    @Override
    public List<? extends ArroyoMessage> onEvent(Event event) {
        frames++;
        double[] pixels = event.array().orElseThrow().toDoubleArray();
        double mean = Arrays.stream(pixels).average().orElse(Double.NaN);
        return List.of(Event.of(Map.of("frame", frames, "mean", mean)));
    }

    @Override
    public List<? extends ArroyoMessage> onStop(Stop stop) {
        return List.of(new Stop(Map.of("frames", frames)));
    }
}
