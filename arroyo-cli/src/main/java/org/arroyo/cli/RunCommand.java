package org.arroyo.cli;

import java.util.concurrent.Callable;

import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
         description = "Run pipelines from Camel XML/YAML route files and arroyopy blocks files (Camel Main), "
                       + "until Ctrl-C or SIGTERM stops them cleanly.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    RouteFiles files;

    @Mixin
    CamelOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main main = options.main();
        files.addTo(main);
        try (StopSignals signals = StopSignals.install(main::completed, spec.commandLine().getErr())) {
            main.run();
        } catch (Exception e) {
            throw files.problem(e, main);
        }
        // 0 unless camel.main.duration-hit-exit-code says otherwise (never set when no duration limit ended the run)
        return Math.max(0, main.getExitCode());
    }
}
