package org.arroyo.camel.zocalo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A service's state with the numbers and texts of python-workflows' services, and its
 * utilization: the share of the last period spent in each state.
 */
final class ServiceStatus {

    /** The states a Camel service passes through, numbered as in workflows' CommonService. */
    enum State {
        STARTING(1, "starting"), IDLE(2, "idle"), PROCESSING(4, "processing"), SHUTDOWN(5, "shutting down");

        final int code;
        final String text;

        State(int code, String text) {
            this.code = code;
            this.text = text;
        }
    }

    private record Interval(State state, long start, long end) {
    }

    private final long periodNanos;
    private final LongSupplier clock;
    private final Deque<Interval> history = new ArrayDeque<>();
    private State current = State.STARTING;
    private long since;

    ServiceStatus(Duration period, LongSupplier nanoClock) {
        this.periodNanos = period.toNanos();
        this.clock = nanoClock;
        this.since = nanoClock.getAsLong();
    }

    synchronized void enter(State state) {
        long now = clock.getAsLong();
        history.addLast(new Interval(current, since, now));
        current = state;
        since = now;
    }

    synchronized State current() {
        return current;
    }

    /** State code (as text, as JSON writes Python's int keys) to share of the last period, 4 decimals. */
    synchronized Map<String, Double> utilization() {
        long now = clock.getAsLong();
        long cutoff = now - periodNanos;
        while (!history.isEmpty() && history.peekFirst().end() < cutoff) {
            history.removeFirst();
        }
        Map<State, Long> spent = new LinkedHashMap<>();
        history.forEach(interval -> spent.merge(interval.state(), interval.end() - Math.max(cutoff, interval.start()), Long::sum));
        spent.merge(current, now - Math.max(cutoff, since), Long::sum);
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        spent.forEach((state, nanos) -> shares.put(Integer.toString(state.code), share(nanos, total)));
        return shares;
    }

    private static double share(long part, long total) {
        if (total <= 0) {
            return 1.0;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_EVEN).doubleValue();
    }
}
