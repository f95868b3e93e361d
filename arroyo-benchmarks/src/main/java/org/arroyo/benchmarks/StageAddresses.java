package org.arroyo.benchmarks;

import picocli.CommandLine.Option;

/** The options every stage takes: where its PULL side connects, where its PUSH side binds, and the high water mark. */
final class StageAddresses {

    @Option(names = "--in", required = true, description = "address the stage's PULL socket connects to (the source's)")
    String in;

    @Option(names = "--out", required = true, description = "address the stage's PUSH socket binds to (the sink connects)")
    String out;

    @Option(names = "--hwm", defaultValue = "1000", description = "high water mark of every socket, in messages")
    int hwm;
}
