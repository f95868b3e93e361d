package org.arroyo.cli;

import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.main.Main;
import org.arroyo.camel.operator.PipelineProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
         description = "Run pipelines from Camel XML/YAML route files and arroyopy blocks files (Camel Main), "
                       + "until Ctrl-C or SIGTERM stops them cleanly. Each pipeline logs when a run starts, its progress "
                       + "every 5 s while events flow (-D arroyo.progress=10s, or off) and when the run stops. "
                       + "-D arroyo.observe=true serves health, Prometheus metrics and Camel's dev console on 127.0.0.1:9876.")
final class RunCommand extends CamelCommand {

    @Mixin
    RouteFiles files;

    @Option(names = { "-q", "--quiet" }, description = "Log only warnings and errors: no run and progress lines, no route summary.")
    boolean quiet;

    @Override
    public Integer call() {
        Main main = options.main();
        if (quiet) {
            main.addOverrideProperty(PipelineProgress.PROPERTY, "off");
            main.configure().setStartupSummaryLevel(StartupSummaryLevel.Off);
        }
        files.addTo(main);
        try {
            return runUntilStopped(main);
        } catch (Exception e) {
            throw files.problem(e, main);
        }
    }
}
