package org.arroyo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.arroyo.camel.dsl.BlocksFileException;

/**
 * What went wrong loading or building routes, as one line naming the file: the file a blocks error or
 * a parser's location names, else the file the failing route came from, else all the files given.
 */
final class RouteProblem {

    /** How Camel's XML and YAML loaders say where a problem is. */
    private static final Pattern LOCATION = Pattern.compile("\\s*in (file:\\S+), line (\\d+), column (\\d+):");

    private RouteProblem() {
    }

    static IllegalArgumentException of(Exception e, List<Path> files, CamelContext context) {
        String problem = describe(e, files, context);
        String missing = missingClass(e);
        if (missing != null) {
            // Camel's bean loaders say only the class name
            problem = problem.contains("not on the classpath") ? problem
                    : problem.substring(0, problem.lastIndexOf(missing)) + "class " + missing + " is not on the classpath";
            problem += "; add the jar or classes directory that holds it with --classpath";
        }
        return new IllegalArgumentException(problem, e);
    }

    /** The class a problem was not finding, if it was one. */
    private static String missingClass(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
                return cause.getMessage().replace('/', '.');
            }
        }
        return null;
    }

    private static String describe(Throwable e, List<Path> files, CamelContext context) {
        String routeId = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlocksFileException) {
                return cause.getMessage();
            }
            Matcher at = LOCATION.matcher(String.valueOf(cause.getMessage()));
            if (at.find()) {
                return given(at.group(1), files) + ": " + oneLine(cause.getMessage().substring(0, at.start()))
                        + " (line " + at.group(2) + ", column " + at.group(3) + ")";
            }
            if (routeId == null && cause instanceof FailedToCreateRouteException failed) {
                routeId = failed.getRouteId();
            }
        }
        String where = routeId == null ? null : location(routeId, context);
        return (where == null ? String.join(", ", files.stream().map(Path::toString).toList()) : given(where, files))
                + (routeId == null ? "" : ": route " + routeId) + ": " + rootMessage(e);
    }

    /** The deepest message in the chain, on one line: what Camel's wrappers were wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        return oneLine(root.getMessage());
    }

    /** The file a route was loaded from, if Camel knows it. */
    private static String location(String routeId, CamelContext context) {
        RouteDefinition route = context instanceof ModelCamelContext model ? model.getRouteDefinition(routeId) : null;
        return route == null || route.getResource() == null ? null : route.getResource().getLocation();
    }

    /** The file as the user named it. */
    private static String given(String location, List<Path> files) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return files.stream().filter(file -> file.toAbsolutePath().toString().equals(path)).findFirst()
                .map(Path::toString).orElse(path);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
