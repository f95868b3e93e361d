package org.arroyo.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One benchmark scenario: runs its sessions and gives its result rows. */
interface Scenario {

    String id();

    List<Row> run(Plan plan) throws Exception;

    /** What the scenario needs and does not find (a broker that does not answer, say), each naming what is missing. */
    default List<String> missingPrerequisites() {
        return List.of();
    }

    /**
     * Runs the same sessions for each implementation, alternating baseline and pipeline for the plan's rounds, and
     * gathers the measured runs of each (in the order of the implementations).
     */
    static Map<Implementation, List<Session.Outcome>> alternate(Plan plan, String name, List<Implementation> implementations,
            Function<Implementation, Session> session) throws Exception {
        Map<Implementation, List<Session.Outcome>> outcomes = new EnumMap<>(Implementation.class);
        for (int round = 1; round <= plan.rounds(); round++) {
            for (Implementation implementation : implementations) {
                String sessionName = name + "-" + implementation.name().toLowerCase() + "-" + round;
                System.err.println("  " + sessionName);
                outcomes.computeIfAbsent(implementation, key -> new ArrayList<>())
                        .add(session.apply(implementation).run(plan.logs(), sessionName));
            }
        }
        return outcomes;
    }

    /** CPU time the stage process spent per event it passed on, warm-up included, over its sessions. */
    static Spread cpuMicrosPerEvent(List<Session.Outcome> outcomes) {
        return Spread.of(outcomes.stream().map(outcome -> outcome.stageReport().get("cpuSeconds").asDouble() * 1e6
                / outcome.sinkRuns().stream().mapToLong(run -> run.get("events").asLong()).sum()).toList());
    }

    /** The measured runs of all the outcomes whose labels start with the prefix. */
    static SinkRuns measured(List<Session.Outcome> outcomes, String labelPrefix) {
        SinkRuns runs = new SinkRuns();
        outcomes.forEach(outcome -> runs.addMeasured(outcome.sinkRuns(), labelPrefix));
        return runs;
    }
}
