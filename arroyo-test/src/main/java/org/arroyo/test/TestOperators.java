package org.arroyo.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;

/** Operators that pass every message on and let a test see what they were given. */
public final class TestOperators {

    private TestOperators() {
    }

    /** Adds each event's {@code frame_number} to {@code frames}, in the order the events came. */
    public static Operator recordingFrames(List<Long> frames) {
        return new Operator() {
            @Override
            public List<? extends ArroyoMessage> onEvent(Event event) {
                frames.add((Long) event.metadata().get("frame_number"));
                return List.of(event);
            }
        };
    }

    /** Passes each event on after {@code work} (a sleep), as an operator that takes its time. */
    public static Operator working(Duration work) {
        return new Operator() {
            @Override
            public List<? extends ArroyoMessage> onEvent(Event event) throws InterruptedException {
                Thread.sleep(work.toMillis());
                return List.of(event);
            }
        };
    }

    /** Counts the events. */
    public static Operator counting(AtomicInteger events) {
        return new Operator() {
            @Override
            public List<? extends ArroyoMessage> onEvent(Event event) {
                events.incrementAndGet();
                return List.of(event);
            }
        };
    }

    /** Fails on the event with this {@code frame_number} (counting the failures) while {@code broken} is set. */
    public static Operator failingOnFrame(long frame, AtomicBoolean broken, AtomicInteger failures) {
        return new Operator() {
            @Override
            public List<? extends ArroyoMessage> onEvent(Event event) {
                if (broken.get() && Long.valueOf(frame).equals(event.metadata().get("frame_number"))) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("operator fault on frame " + frame);
                }
                return List.of(event);
            }
        };
    }
}
