package org.arroyo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.Main;
import org.arroyo.camel.dsl.BlocksFile;
import org.arroyo.camel.dsl.BlocksRouteBuilder;
import picocli.CommandLine.Parameters;

/** The pipeline files a command runs or checks: Camel XML/YAML route files and arroyopy blocks files. */
final class RouteFiles {

    @Parameters(arity = "1..*", paramLabel = "FILE",
                description = "Camel route files (.xml, .yaml, .yml; the arroyo-pipeline template is available) "
                              + "or arroyopy blocks files (YAML with a top-level 'blocks' list).")
    List<Path> files;

    /** A problem with the files' routes, as one line naming the file. */
    IllegalArgumentException problem(Exception e, Main main) {
        return RouteProblem.of(e, files, main.getCamelContext());
    }

    /**
     * Adds the files' routes to the Main: a blocks file through its route builder, the others by Camel's
     * loaders; the publishers' endpoints are resolved as soon as the routes are configured.
     */
    void addTo(Main main) {
        main.addMainListener(new PublisherCheck());
        List<String> routeFiles = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            String name = file.getFileName().toString();
            boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
            if (yaml && BlocksFile.isBlocksFile(file)) {
                main.configure().addRoutesBuilder(new BlocksRouteBuilder(file));
            } else if (yaml || name.endsWith(".xml")) {
                routeFiles.add("file:" + file.toAbsolutePath());
            } else {
                throw new IllegalArgumentException(file + ": expected a route file (.xml, .yaml, .yml) or a blocks file (.yaml)");
            }
        }
        main.configure().withRoutesIncludePattern(routeFiles.isEmpty() ? "false" : String.join(",", routeFiles));
    }

    @Override
    public String toString() {
        return String.join(" ", files.stream().map(Path::toString).toList());
    }
}
