package org.arroyo.tracing;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelTracingService;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Offers {@link ArroyoTracer} to Camel Main as its OpenTelemetry tracer: bound in the registry of every CamelContext
 * with arroyo-tracing on its classpath (unless the registry has a tracing service already), it traces nothing until
 * {@code camel.opentelemetry2.enabled=true} makes Camel Main install the tracing service it finds there.
 */
public class ArroyoTracingPlugin implements ContextServicePlugin {

    public static final String BEAN_NAME = "arroyoTracer";

    @Override
    public void load(CamelContext camelContext) {
        if (camelContext.getRegistry().findSingleByType(CamelTracingService.class) == null) {
            camelContext.getRegistry().bind(BEAN_NAME, new ArroyoTracer());
        }
    }
}
