package org.arroyo.camel.dsl;

import java.util.Collection;
import java.util.List;

import org.apache.camel.Route;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Refuses a route that uses a nesting Arroyo Kamelet in a way that would lose its output. The batching,
 * unbatching, decoupling and writing Kamelets send what they emit to {@code kamelet:sink} from their own threads,
 * or several messages for one, and {@code kamelet:sink} leads to the steps nested under the calling
 * {@code kamelet} step: as an endpoint ({@code to: kamelet:...}) or without nested steps their output
 * would have nowhere to go.
 */
final class KameletStepCheck extends LifecycleStrategySupport {

    static final List<String> NESTING = List.of("arroyo-batch-action", "arroyo-unbatch-action", "arroyo-decouple-action",
            "arroyo-write-action");

    /** Checks the routes' definitions before they start. */
    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route added : routes) {
            Model model = added.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
            RouteDefinition route = model == null ? null : model.getRouteDefinition(added.getRouteId());
            if (route != null) {
                check(route, route.getOutputs());
            }
        }
    }

    private static void check(RouteDefinition route, List<ProcessorDefinition<?>> steps) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SendDefinition<?> send && nesting(kamelet(send.getEndpointUri()))) {
                throw new IllegalArgumentException(where(route) + ": " + kamelet(send.getEndpointUri())
                        + " cannot be an endpoint (" + send.getEndpointUri() + "): use it as a kamelet step with the steps"
                        + " that take its output nested under it");
            }
            if (step instanceof KameletDefinition kamelet && nesting(name(kamelet.getName())) && kamelet.getOutputs().isEmpty()) {
                throw new IllegalArgumentException(where(route) + ": kamelet step " + name(kamelet.getName())
                        + " needs the steps that take its output nested under it (steps:); nothing continues after it");
            }
            check(route, step.getOutputs());
        }
    }

    private static boolean nesting(String kamelet) {
        return kamelet != null && NESTING.contains(kamelet);
    }

    /** The Kamelet a {@code kamelet:} URI calls, or null. */
    static String kamelet(String uri) {
        if (uri == null || !uri.startsWith("kamelet:")) {
            return null;
        }
        String rest = uri.substring("kamelet:".length());
        return name(rest.startsWith("//") ? rest.substring(2) : rest);
    }

    /** A Kamelet's name without its route id or parameters. */
    static String name(String kamelet) {
        return kamelet == null ? null : kamelet.split("[/?]", 2)[0];
    }

    private static String where(RouteDefinition route) {
        String file = route.getResource() == null ? "" : route.getResource().getLocation() + ": ";
        return file + (route.hasCustomIdAssigned() ? "route " + route.getId()
                : "route from " + (route.getInput() == null ? "?" : route.getInput().getEndpointUri()));
    }
}
