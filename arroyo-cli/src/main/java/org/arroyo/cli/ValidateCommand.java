package org.arroyo.cli;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.main.Main;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
         description = "Check pipeline files without running them: parse them, build their routes in a CamelContext "
                       + "that is not started, and resolve every listener and publisher endpoint.")
final class ValidateCommand extends CamelCommand {

    @Mixin
    RouteFiles files;

    @Override
    public Integer call() {
        Main main = options.main();
        main.configure().setStartupSummaryLevel(StartupSummaryLevel.Off);
        files.addTo(main);
        try {
            CamelContext context = build(main);
            List<String> routes = ((ModelCamelContext) context).getRouteDefinitions().stream()
                    .map(RouteDefinition::getRouteId).sorted().toList();
            spec.commandLine().getOut().println(files + ": valid, " + routes.size() + " route" + (routes.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", routes));
            return 0;
        } finally {
            main.shutdown();
        }
    }

    /** The context with its routes created and every endpoint resolved, not started. */
    private CamelContext build(Main main) {
        try {
            main.init();
            main.getCamelContext().init();
            return main.getCamelContext();
        } catch (RuntimeException e) {
            throw files.problem(e, main);
        }
    }
}
