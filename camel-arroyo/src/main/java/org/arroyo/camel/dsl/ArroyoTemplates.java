package org.arroyo.camel.dsl;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.util.StringHelper;
import org.arroyo.camel.operator.Batching;
import org.arroyo.camel.operator.Decoupling;
import org.arroyo.camel.operator.FrameChecking;

/**
 * The route template {@value #PIPELINE}: an Arroyo pipeline in a few lines of XML or YAML. Its parameters are the
 * fields of {@link PipelineSpec}, flat: {@code pipeline} (the name), {@code listener}, {@code operator} (the name of
 * an {@code Operator} bean), {@code stages}, the stages' settings named {@code batchMaxSize}, {@code decoupleThreads},
 * {@code partitionOutputs}, ..., {@code publishers} and {@code format}; lists are written separated by commas.
 *
 * <p>The template holds no route of its own: a pipeline's routes depend on its stages, so a converter builds them
 * from the parameters through the Java DSL's {@link PipelineBuilder}, the same routes as
 * {@code pipeline(name).listen(..).operator(..).publish(..)}. Camel adds the pipeline's route (id = the name); the
 * routes of the stages after a decoupling or batching step ({@code NAME-2}, ...) are added beside it.
 *
 * <p>Camel Main finds this builder by itself ({@link ArroyoTemplatesPlugin}); elsewhere add it to the context before
 * the routes that use the template.
 */
public class ArroyoTemplates extends RouteBuilder {

    /** The id of the pipeline template. */
    public static final String PIPELINE = "arroyo-pipeline";

    /** The two parameters named otherwise than the model's fields: a template makes one pipeline from one listener. */
    private static final Map<String, String> RENAMED = Map.of("name", "pipeline", "listeners", "listener");

    /** What each parameter is, for tooling; every field of the model has one. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("pipeline", "The pipeline's name: its route id, and NAME-publishers in the registry and JMX"),
            Map.entry("description", "What the pipeline does: its route's description"),
            Map.entry("listener", "The listener: a consumer endpoint URI"),
            Map.entry("framesField", "Checks the frame numbers of each run (gaps, duplicates, out of order, the stop's count):"
                    + " the event metadata field that numbers frames, e.g. " + FrameChecking.DEFAULT_FIELD
                    + "; without this or framesCountField no check"),
            Map.entry("framesCountField", "The frame check: the stop's field that counts the run's frames; default "
                    + FrameChecking.DEFAULT_COUNT_FIELD),
            Map.entry("operator", "Name of the Operator bean; without it messages pass through"),
            Map.entry("stages", "The stages in order, separated by commas: decouple, operator, batch, unbatch;"
                    + " default: operator (if one is given)"),
            Map.entry("decoupleQueueSize", "decouple: how many messages may wait; default " + Decoupling.DEFAULT_QUEUE_SIZE),
            Map.entry("decoupleThreads", "decouple: how many threads process them; default " + Decoupling.DEFAULT_THREADS),
            Map.entry("batchMaxSize", "batch: a batch closes when it holds this many events (required to batch)"),
            Map.entry("batchMaxAge", "batch: a batch closes when its first event is this old, e.g. 500ms, 2s, 1500"
                    + " (milliseconds); default " + Batching.DEFAULT_MAX_AGE.toSeconds() + "s"),
            Map.entry("batchMaxIdle", "batch: a batch closes after this long without events; default "
                    + Batching.DEFAULT_MAX_IDLE.toSeconds() + "s"),
            Map.entry("partitionBy", "partition (instead of publishers): choice (an integer metadata field) or key"
                    + " (the CRC-32 of a metadata field)"),
            Map.entry("partitionField", "partition: the metadata field"),
            Map.entry("partitionOutputs", "partition: the output endpoint URIs, separated by commas"),
            Map.entry("publishers", "Publisher endpoint URIs, separated by commas"),
            Map.entry("format", "The wire convention the listener reads and the publishers write: msgpack (default), json,"
                    + " json+raw, multipart, raw or lhhttt"));

    /**
     * Where a parameter goes in the model ({@code batchMaxSize} is {@code batch.maxSize}), and whether it is a list,
     * written separated by commas (the listener is one URI, which may hold a comma).
     */
    private record Parameter(List<String> path, boolean list) {
    }

    private static final Map<String, Parameter> PARAMETERS = parameters();

    @Override
    public void configure() {
        CamelContext context = getContext();
        context.getCamelContextExtension().getContextPlugin(Model.class)
                .addRouteTemplateDefinitionConverter(PIPELINE, (template, parameters) -> pipeline(context, parameters));
        RouteTemplateDefinition template = routeTemplate(PIPELINE)
                .description("Arroyo pipeline: listener -> stages -> publishers (or partition outputs), built from the parameters");
        PARAMETERS.keySet().forEach(parameter -> {
            String description = DESCRIPTIONS.get(parameter);
            if (parameter.equals("pipeline") || parameter.equals("listener")) {
                template.templateParameter(parameter, null, description);
            } else {
                template.templateOptionalParameter(parameter, description);
            }
        });
    }

    private static Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (RecordComponent field : PipelineSpec.class.getRecordComponents()) {
            String key = SpecReader.jsonName(field);
            if (field.getType().isRecord() && field.getType() != OperatorSpec.class) {
                for (RecordComponent setting : field.getType().getRecordComponents()) {
                    String name = SpecReader.jsonName(setting);
                    parameters.put(Names.camelCase(key + "_" + name), new Parameter(List.of(key, name), setting.getType() == List.class));
                }
            } else {
                String parameter = RENAMED.getOrDefault(key, key);
                parameters.put(parameter, new Parameter(List.of(key), field.getType() == List.class && parameter.equals(key)));
            }
        }
        if (!DESCRIPTIONS.keySet().equals(parameters.keySet())) {
            throw new IllegalStateException("the template's descriptions " + DESCRIPTIONS.keySet() + " do not match its parameters " + parameters.keySet());
        }
        return parameters;
    }

    /** The pipeline's route; its other routes are added to the context's model beside it. */
    private static RouteDefinition pipeline(CamelContext context, Map<String, Object> parameters) throws Exception {
        String name = resolved(context, parameters.get("pipeline"));
        RouteBuilder routes = new RouteBuilder(context) {
            @Override
            public void configure() {
                // the pipeline's routes are added below
            }
        };
        try {
            SpecReader.read(model(context, parameters), PipelineSpec.class).addTo(routes);
        } catch (IllegalArgumentException e) {
            // the whole story in one message, without causes: Camel's callers report the deepest message
            throw new IllegalArgumentException("pipeline " + name + ": " + e.getMessage());
        }
        List<RouteDefinition> made = routes.getRouteCollection().getRoutes();
        RouteDefinition pipeline = made.stream().filter(route -> name.equals(route.getRouteId())).findFirst().orElseThrow();
        context.getCamelContextExtension().getContextPlugin(Model.class)
                .addRouteDefinitions(made.stream().filter(route -> route != pipeline).toList());
        return pipeline;
    }

    /** The parameters given, placeholders resolved, nested as the model's fields ({@code batchMaxSize} under {@code batch}). */
    private static Map<String, Object> model(CamelContext context, Map<String, Object> parameters) {
        Map<String, Object> model = new LinkedHashMap<>();
        // Camel passes each parameter also in kebab-case (batch-max-size)
        parameters.forEach((given, value) -> {
            String parameter = StringHelper.dashToCamelCase(given);
            Parameter known = PARAMETERS.get(parameter);
            if (known == null) {
                throw new IllegalArgumentException("unknown parameter '" + parameter + "' (expected " + String.join(", ", PARAMETERS.keySet()) + ")");
            }
            String text = resolved(context, value);
            if (text != null && !text.isBlank()) {
                List<String> path = known.path();
                Map<String, Object> parent = model;
                for (String key : path.subList(0, path.size() - 1)) {
                    parent = nested(parent, key);
                }
                parent.put(path.get(path.size() - 1), known.list() ? SpecReader.commaSeparated(text) : text);
            }
        });
        return model;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    private static String resolved(CamelContext context, Object value) {
        return value == null ? null : context.resolvePropertyPlaceholders(value.toString());
    }

}
