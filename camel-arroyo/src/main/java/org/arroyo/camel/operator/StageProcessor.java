package org.arroyo.camel.operator;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A stage that emits on threads of its own (batching, decoupling) to an endpoint: in a pipeline the route of its
 * next stage, in a Kamelet its {@code kamelet:sink}. Each exchange emitted gets a unit of work of its own, as a
 * consumer's exchanges do, so error handlers and completions work also where the target has no route to give it
 * one (a {@code kamelet:sink} leads straight to the caller's nested steps).
 */
public abstract class StageProcessor extends ServiceSupport implements Processor, CamelContextAware, RouteIdAware {

    private final String targetUri;
    private CamelContext camelContext;
    private String routeId;
    private AsyncProcessor target;

    /** @param targetUri where the stage emits */
    protected StageProcessor(String targetUri) {
        this.targetUri = targetUri;
    }

    /**
     * Sends the exchange on, from the stage's route, and waits until it is processed.
     *
     * @throws Exception what the target failed with, unless an error handler dealt with it
     */
    protected final void emit(Exchange exchange) throws Exception {
        exchange.getExchangeExtension().setFromRouteId(routeId);
        target.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
    }

    /** Where the stage emits. */
    public String getTargetUri() {
        return targetUri;
    }

    /** Starts the target; a subclass calls this first. */
    @Override
    protected void doStart() throws Exception {
        target = PluginHelper.getInternalProcessorFactory(camelContext)
                .addUnitOfWorkProcessorAdvice(camelContext, camelContext.getEndpoint(targetUri).createProducer(), null);
        ServiceHelper.startService(target);
    }

    /** Stops the target; a subclass calls this last. */
    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(target);
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    /** The route of the stage: the route the exchanges it emits come from. */
    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
