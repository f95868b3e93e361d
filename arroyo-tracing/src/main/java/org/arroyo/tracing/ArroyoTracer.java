package org.arroyo.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.telemetry.Op;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.RunId;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-opentelemetry2's tracer with what Arroyo adds to its spans:
 * <ul>
 * <li>the listener, publish (and, with {@code traceProcessors}, operator) spans of a pipeline carry the attributes
 * {@value #MESSAGE_TYPE}, {@value #RUN_ID} and, for events, {@value #FRAME_NUMBER};</li>
 * <li>one run is one trace: a message that arrives without a trace context, after its run's start, joins the trace
 * that start began (until the run's stop); a message that arrives with one (W3C {@code traceparent}, sent by a
 * pipeline upstream in the message headers) continues it, so the run's trace goes on through every process;</li>
 * <li>trace headers that arrive as bytes (Kafka record headers) are read as text.</li>
 * </ul>
 * The spans go to the OpenTelemetry {@link Tracer} bound in the registry (with its {@code ContextPropagators}), if
 * there is one; otherwise to an OpenTelemetry SDK configured by OpenTelemetry's own properties ({@code otel.*}, taken
 * from Camel's properties, the JVM's system properties and {@code OTEL_*} environment variables), exporting over OTLP
 * ({@code http/protobuf}) and nothing but traces unless told otherwise.
 * <p>
 * It only traces when it is installed: Camel Main's {@code camel.opentelemetry2.enabled=true} installs it by itself
 * when arroyo-tracing is on the classpath ({@link ArroyoTracingPlugin}); elsewhere {@code new ArroyoTracer().init(context)}.
 */
public class ArroyoTracer extends OpenTelemetryTracer {

    /** The span attribute naming the kind of Arroyo message: start, event or stop. */
    public static final String MESSAGE_TYPE = "arroyo.message_type";
    /** The span attribute holding the run id (the message's own, or its start's). */
    public static final String RUN_ID = "arroyo.run_id";
    /** The span attribute holding an event's frame number. */
    public static final String FRAME_NUMBER = "arroyo.frame_number";

    /** Where detectors number their frames, the first found counts. */
    public static final List<String> FRAME_FIELDS = List.of("frame_number", "frame", "Frame Number", "image_number", "seq_num", "index");

    private static final AttributeKey<Long> FRAME_NUMBER_KEY = AttributeKey.longKey(FRAME_NUMBER);
    private static final String TRACEPARENT = "traceparent";
    /** The W3C trace context headers the propagator reads. */
    private static final List<String> CONTEXT_HEADERS = List.of(TRACEPARENT, "tracestate", "baggage");
    /** Exchange property: the listener span of the exchange. */
    private static final String LISTENER = "ArroyoTracingListener";
    private static final Logger LOG = LoggerFactory.getLogger(ArroyoTracer.class);
    /** What differs from OpenTelemetry's defaults when the SDK is configured here; any otel.* property wins. */
    private static final Map<String, String> SDK_DEFAULTS = Map.of("otel.exporter.otlp.protocol", "http/protobuf",
            "otel.metrics.exporter", "none", "otel.logs.exporter", "none");

    /** The current run of each listener endpoint (by URI): its id and the span of its start. */
    private final Map<String, RunTrace> runs = new ConcurrentHashMap<>();
    /** The SDK configured here, to flush and close on shutdown; null when the registry had a tracer. */
    private OpenTelemetrySdk sdk;

    private record RunTrace(String runId, SpanContext start) {
    }

    private record Listener(Span span, Endpoint endpoint) {
    }

    @Override
    protected void initTracer() {
        CamelContext context = getCamelContext();
        if (context.getRegistry().findSingleByType(Tracer.class) == null) {
            Map<String, String> camelProperties = otelProperties(context);
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> Map.of("otel.service.name", context.getName()))
                    .addPropertiesSupplier(() -> SDK_DEFAULTS)
                    .addPropertiesSupplier(() -> camelProperties)
                    .disableShutdownHook().build().getOpenTelemetrySdk();
            context.getRegistry().bind("arroyoOpenTelemetryTracer", sdk.getTracer("camel"));
            context.getRegistry().bind("arroyoOpenTelemetryPropagators", sdk.getPropagators());
            LOG.info("Tracing to the OpenTelemetry SDK that its otel.* properties configure");
        }
        super.initTracer();
    }

    /** The otel.* properties among Camel's: from its property sources, then its initial and override properties. */
    private static Map<String, String> otelProperties(CamelContext context) {
        Map<String, String> found = new HashMap<>();
        List<Properties> sets = new ArrayList<>(List.of(context.getPropertiesComponent().loadProperties(key -> key.startsWith("otel."))));
        if (context.getPropertiesComponent() instanceof org.apache.camel.component.properties.PropertiesComponent camelBase) {
            sets.add(camelBase.getInitialProperties());
            sets.add(camelBase.getOverrideProperties());
        }
        for (Properties set : sets) {
            if (set != null) {
                set.stringPropertyNames().stream().filter(key -> key.startsWith("otel.")).forEach(key -> found.put(key, set.getProperty(key)));
            }
        }
        return found;
    }

    /**
     * Bound as a bean by {@link ArroyoTracingPlugin}, the tracer is also found as a route policy factory: it traces only
     * once installed (as a service of the context), by {@code camel.opentelemetry2.enabled} or {@link #init}.
     */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return camelContext.hasService(this) ? super.createRoutePolicy(camelContext, routeId, route) : null;
    }

    @Override
    protected void doShutdown() {
        super.doShutdown();
        if (sdk != null) {
            // exports the spans still waiting
            sdk.close();
            sdk = null;
        }
    }

    @Override
    protected void beginEventSpan(Exchange exchange, Endpoint endpoint, Op op) throws Exception {
        boolean listener = op == Op.EVENT_RECEIVED && exchange.getProperty(LISTENER) == null;
        if (listener) {
            Message in = exchange.getIn();
            CONTEXT_HEADERS.forEach(name -> {
                if (in.getHeader(name) instanceof byte[] bytes) {
                    in.setHeader(name, new String(bytes, StandardCharsets.UTF_8));
                }
            });
            RunTrace run = runs.get(endpoint.getEndpointUri());
            if (run != null && in.getHeader(TRACEPARENT) == null) {
                in.setHeader(TRACEPARENT, traceparent(run.start()));
            }
        }
        super.beginEventSpan(exchange, endpoint, op);
        // the span just begun is the current one
        if (listener) {
            exchange.setProperty(LISTENER, new Listener(Span.current(), endpoint));
        } else if (op == Op.EVENT_SENT) {
            tag(Span.current(), exchange);
        }
    }

    @Override
    protected void beginProcessorSpan(Exchange exchange, String processorName) throws Exception {
        super.beginProcessorSpan(exchange, processorName);
        tag(Span.current(), exchange);
    }

    /** Tags again at the end: the pipeline's first step learns the listener's message while its span is open. */
    @Override
    protected void endProcessorSpan(Exchange exchange, String processorName) throws Exception {
        tag(Span.current(), exchange);
        super.endProcessorSpan(exchange, processorName);
    }

    @Override
    protected void endEventSpan(Exchange exchange, Endpoint endpoint) throws Exception {
        if (exchange.getProperty(LISTENER) instanceof Listener listener && listener.endpoint() == endpoint) {
            tag(listener.span(), exchange);
            ArroyoMessage message = exchange.getProperty(ArroyoConstants.LISTENER_MESSAGE, ArroyoMessage.class);
            if (message instanceof Start start) {
                runs.put(endpoint.getEndpointUri(), new RunTrace(RunId.in(start.data()).orElse(null), listener.span().getSpanContext()));
            } else if (message instanceof Stop) {
                runs.remove(endpoint.getEndpointUri());
            }
        }
        super.endEventSpan(exchange, endpoint);
    }

    /** Sets the Arroyo attributes of the exchange's listener message on a span. */
    private void tag(Span span, Exchange exchange) {
        ArroyoMessage message = exchange.getProperty(ArroyoConstants.LISTENER_MESSAGE, ArroyoMessage.class);
        if (message == null) {
            return;
        }
        span.setAttribute(MESSAGE_TYPE, message.type().wireName());
        Map<String, Object> fields = message instanceof Start start ? start.data()
                : message instanceof Stop stop ? stop.data() : ((Event) message).metadata();
        Optional<String> runId = RunId.in(fields);
        if (runId.isEmpty() && !(message instanceof Start) && exchange.getProperty(LISTENER) instanceof Listener listener) {
            RunTrace run = runs.get(listener.endpoint().getEndpointUri());
            runId = Optional.ofNullable(run == null ? null : run.runId());
        }
        runId.ifPresent(id -> span.setAttribute(RUN_ID, id));
        if (message instanceof Event) {
            FRAME_FIELDS.stream().filter(fields::containsKey).findFirst().map(fields::get).ifPresent(frame -> {
                if (frame instanceof Number number) {
                    span.setAttribute(FRAME_NUMBER_KEY, number.longValue());
                } else {
                    span.setAttribute(FRAME_NUMBER, String.valueOf(frame));
                }
            });
        }
    }

    private static String traceparent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
