package org.arroyo.camel.dsl;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.LifecycleStrategy;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Gives a plain route that uses an Arroyo Kamelet (a {@code kamelet} step or a {@code kamelet:} endpoint named
 * {@code arroyo-*}) the pipelines' default {@link DeadLetters}, unless it has an error handler of its own: such a route
 * asked for Arroyo, and poison must not stop it. Routes without an Arroyo Kamelet keep Camel's behaviour.
 */
final class KameletDeadLetters extends ModelLifecycleStrategySupport {

    private final CamelContext context;

    private KameletDeadLetters(CamelContext context) {
        this.context = context;
    }

    /**
     * Looks at the routes the context holds when it initializes, and at every route added later. (A context service
     * plugin is loaded while the context is built, before its model exists.)
     */
    static LifecycleStrategy installer() {
        return new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext context) {
                Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
                KameletDeadLetters deadLetters = new KameletDeadLetters(context);
                model.getRouteDefinitions().forEach(deadLetters::onAddRouteDefinition);
                model.addModelLifecycleStrategy(deadLetters);
            }
        };
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (usesArroyoKamelet(route.getOutputs())) {
            DeadLetters.applyTo(route, context);
        }
    }

    private static boolean usesArroyoKamelet(List<ProcessorDefinition<?>> steps) {
        for (ProcessorDefinition<?> step : steps) {
            String kamelet = step instanceof KameletDefinition definition ? KameletStepCheck.name(definition.getName())
                    : step instanceof SendDefinition<?> send ? KameletStepCheck.kamelet(send.getEndpointUri()) : null;
            if (kamelet != null && kamelet.startsWith("arroyo-") || usesArroyoKamelet(step.getOutputs())) {
                return true;
            }
        }
        return false;
    }
}
