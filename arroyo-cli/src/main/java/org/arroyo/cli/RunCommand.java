package org.arroyo.cli;

import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
         description = "Run pipelines from Camel XML/YAML route files and arroyopy blocks files (Camel Main), "
                       + "until Ctrl-C or SIGTERM stops them cleanly.")
final class RunCommand extends CamelCommand {

    @Mixin
    RouteFiles files;

    @Override
    public Integer call() {
        Main main = options.main();
        files.addTo(main);
        try {
            return runUntilStopped(main);
        } catch (Exception e) {
            throw files.problem(e, main);
        }
    }
}
