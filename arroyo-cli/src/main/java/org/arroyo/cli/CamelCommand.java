package org.arroyo.cli;

import java.util.concurrent.Callable;

import org.apache.camel.main.Main;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that works with Camel Main: the properties and classpath options, and running until stopped. */
abstract class CamelCommand implements Callable<Integer> {

    @Mixin
    CamelOptions options;

    @Spec
    CommandSpec spec;

    /** Runs the Main until it completes or Ctrl-C / SIGTERM stops it; its exit code, 0 unless Camel Main set one. */
    int runUntilStopped(Main main) throws Exception {
        try (StopSignals signals = StopSignals.install(main::completed, spec.commandLine().getErr())) {
            main.run();
        }
        // never set when the run was not ended by a camel.main.duration-* limit with duration-hit-exit-code
        return Math.max(0, main.getExitCode());
    }
}
