package org.arroyo.camel.dsl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.CamelContextHelper;
import org.arroyo.camel.operator.EndpointUris;
import org.arroyo.camel.operator.Operator;

/**
 * Route templates that make an Arroyo pipeline a few lines of XML or YAML. Template {@value #PIPELINE}
 * takes the parameters {@code pipeline} (the name), {@code listener} (an endpoint URI), {@code operator}
 * (the name of an {@link Operator} bean; optional), {@code publishers} (endpoint URIs separated by commas;
 * optional), and the built-in stages: {@code stages} (their order) and their settings, named
 * {@code batchMaxSize}, {@code decoupleThreads}, {@code partitionOutputs}, ... ({@link StageSettings}).
 * Each route made from it is built by the Java DSL's {@link PipelineBuilder}: the same route as
 * {@code pipeline(name).listen(..).operator(..).publish(..)}.
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
                .description("Arroyo pipeline: listener -> stages -> publishers (or partition outputs)")
                .templateParameter("pipeline", null, "The pipeline's name: its route id, and NAME-publishers in the registry and JMX")
                .templateParameter("listener", null, "The listener: a consumer endpoint URI")
                .templateOptionalParameter("operator", "Name of the Operator bean; without it messages pass through")
                .templateParameter("publishers", "", "Publisher endpoint URIs, separated by commas")
                .templateOptionalParameter("stages", "The stages in order, separated by commas: decouple, operator, batch, unbatch;"
                        + " default: operator (if one is given)")
                .templateOptionalParameter("batchMaxSize", "batch: a batch closes when it holds this many events (required to batch)")
                .templateOptionalParameter("batchMaxAge", "batch: a batch closes when its first event is this old, e.g. 500ms, 2s,"
                        + " 1500 (milliseconds); default 1s")
                .templateOptionalParameter("batchMaxIdle", "batch: a batch closes after this long without events; default 1s")
                .templateOptionalParameter("decoupleQueueSize", "decouple: how many messages may wait; default 1000")
                .templateOptionalParameter("decoupleThreads", "decouple: how many threads process them; default 1")
                .templateOptionalParameter("partitionBy", "partition (instead of publishers): choice (an integer metadata field)"
                        + " or key (the CRC-32 of a metadata field)")
                .templateOptionalParameter("partitionField", "partition: the metadata field")
                .templateOptionalParameter("partitionOutputs", "partition: the output endpoint URIs, separated by commas")
                .from("{{listener}}");
    }

    private static RouteDefinition pipeline(CamelContext context, Map<String, Object> parameters) throws Exception {
        String name = resolved(context, parameters, "pipeline");
        String operatorBean = resolved(context, parameters, "operator");
        Operator operator = operatorBean == null ? null : CamelContextHelper.mandatoryLookup(context, operatorBean, Operator.class);
        String order = resolved(context, parameters, "stages");
        PipelineSpec spec;
        try {
            Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
            StageSettings.STAGES.forEach((stage, names) -> {
                Map<String, Object> given = settings(context, parameters, stage, names);
                if (!given.isEmpty()) {
                    settings.put(stage, given);
                }
            });
            spec = new PipelineSpec(name, List.of(resolved(context, parameters, "listener")),
                    StageSettings.stages(order == null ? null : EndpointUris.split(order), operator, settings),
                    EndpointUris.split(resolved(context, parameters, "publishers")),
                    StageSettings.partitioning(settings(context, parameters, StageSettings.PARTITION, StageSettings.PARTITION_SETTINGS)));
        } catch (IllegalArgumentException e) {
            // the whole story in one message, the deepest one, which is what Camel's callers report
            throw new IllegalArgumentException("pipeline " + name + ": " + e.getMessage());
        }
        RouteBuilder routes = new RouteBuilder(context) {
            @Override
            public void configure() {
                // routes are added by the pipeline below
            }
        };
        spec.addTo(routes);
        // a template makes one route: the pipeline's first; its later stages and extra listeners are routes of their own
        List<RouteDefinition> made = routes.getRouteCollection().getRoutes();
        context.getCamelContextExtension().getContextPlugin(Model.class).addRouteDefinitions(made.subList(1, made.size()));
        return made.get(0);
    }

    /** A stage's settings given as parameters: {@code batchMaxSize} is the batch's {@code maxSize}. */
    private static Map<String, Object> settings(CamelContext context, Map<String, Object> parameters, String stage, List<String> names) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String setting : names) {
            String value = resolved(context, parameters, stage + Character.toUpperCase(setting.charAt(0)) + setting.substring(1));
            if (value != null && !value.isBlank()) {
                given.put(setting, value);
            }
        }
        return given;
    }

    private static String resolved(CamelContext context, Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : context.resolvePropertyPlaceholders(value.toString());
    }
}
