package org.arroyo.camel.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.CamelContextHelper;
import org.arroyo.camel.operator.Operator;

/**
 * Route templates that make an Arroyo pipeline a few lines of XML or YAML. Template
 * {@value #PIPELINE} takes the parameters {@code pipeline} (the name), {@code listener} (an endpoint
 * URI), {@code operator} (the name of an {@link Operator} bean; optional) and {@code publishers}
 * (endpoint URIs separated by commas; optional). Each route made from it is built by the Java DSL's
 * {@link PipelineBuilder}: the same route as {@code pipeline(name).listen(..).operator(..).publish(..)}.
 *
 * <p>Camel Main finds these templates by itself ({@link ArroyoTemplatesPlugin}); elsewhere add this
 * builder to the context before the routes that use the templates.
 */
public class ArroyoTemplates extends RouteBuilder {

    /** The id of the pipeline template. */
    public static final String PIPELINE = "arroyo-pipeline";

    @Override
    public void configure() {
        CamelContext context = getContext();
        context.getCamelContextExtension().getContextPlugin(Model.class)
                .addRouteTemplateDefinitionConverter(PIPELINE, (template, parameters) -> pipeline(context, parameters));
        // the route below describes the template for tooling; routes made from it come from pipeline()
        routeTemplate(PIPELINE)
                .description("Arroyo pipeline: listener -> operator -> publishers")
                .templateParameter("pipeline", null, "The pipeline's name: its route id, and NAME-publishers in the registry and JMX")
                .templateParameter("listener", null, "The listener: a consumer endpoint URI")
                .templateOptionalParameter("operator", "Name of the Operator bean; without it messages pass through")
                .templateParameter("publishers", "", "Publisher endpoint URIs, separated by commas")
                .from("{{listener}}");
    }

    private static RouteDefinition pipeline(CamelContext context, Map<String, Object> parameters) throws Exception {
        String operatorBean = resolved(context, parameters, "operator");
        Operator operator = operatorBean == null ? null : CamelContextHelper.mandatoryLookup(context, operatorBean, Operator.class);
        PipelineSpec spec = new PipelineSpec(resolved(context, parameters, "pipeline"),
                List.of(resolved(context, parameters, "listener")), operator,
                uris(resolved(context, parameters, "publishers")));
        RouteBuilder routes = new RouteBuilder(context) {
            @Override
            public void configure() {
                // routes are added by the pipeline below
            }
        };
        spec.addTo(routes);
        return routes.getRouteCollection().getRoutes().get(0);
    }

    private static String resolved(CamelContext context, Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : context.resolvePropertyPlaceholders(value.toString());
    }

    /** Endpoint URIs separated by commas, as in Camel's recipient list. */
    private static List<String> uris(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toList();
    }
}
