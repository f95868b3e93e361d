package org.arroyo.camel.operator;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Where a stage that emits on its own threads (batching, decoupling) sends what it emits: an endpoint,
 * in the Java DSL the next route's, in a Kamelet its {@code kamelet:sink}. Each exchange sent gets a unit
 * of work of its own, as a consumer's exchanges do, so error handlers and completions work also where the
 * target has no route to give it one (a {@code kamelet:sink} leads straight to the caller's nested steps).
 */
final class StageOutput {

    private final String uri;
    private final String routeId;
    private AsyncProcessor target;

    /** @param routeId the route of the stage: the route the exchanges sent come from */
    StageOutput(String uri, String routeId) {
        this.uri = uri;
        this.routeId = routeId;
    }

    void start(CamelContext context) throws Exception {
        target = PluginHelper.getInternalProcessorFactory(context)
                .addUnitOfWorkProcessorAdvice(context, context.getEndpoint(uri).createProducer(), null);
        ServiceHelper.startService(target);
    }

    void stop() {
        ServiceHelper.stopService(target);
    }

    /**
     * Sends the exchange and waits until it is processed.
     *
     * @throws Exception what the target failed with, unless an error handler dealt with it
     */
    void send(Exchange exchange) throws Exception {
        exchange.getExchangeExtension().setFromRouteId(routeId);
        target.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    @Override
    public String toString() {
        return uri;
    }
}
