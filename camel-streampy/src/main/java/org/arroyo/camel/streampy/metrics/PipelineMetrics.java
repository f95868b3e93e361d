package org.arroyo.camel.streampy.metrics;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceHelper;
import org.arroyo.camel.streampy.StreamPyConstants;

/**
 * Measures a pipeline (any route) as stream-py measures a worker: a message in when an exchange
 * begins, a message out and its processing time when it is done (listener to publishers), and
 * reports them (see {@link NodeMetrics}). Attach it with {@code pipeline(name)...routePolicy(metrics)}
 * or {@code routePolicy(metrics)} on any route; one instance per route.
 */
public final class PipelineMetrics extends RoutePolicySupport {

    private final MetricsSettings settings;
    private final String func;
    private NodeMetrics metrics;
    private String routeId;

    /**
     * @param settings where to send stream-py reports, or {@code null} for Micrometer meters only
     * @param func     what the pipeline does, e.g. its operator's name (the report's {@code func})
     */
    public PipelineMetrics(MetricsSettings settings, String func) {
        this.settings = settings;
        this.func = func;
    }

    @Override
    public void onInit(Route route) {
        if (routeId != null && !routeId.equals(route.getRouteId())) {
            throw new IllegalStateException("the PipelineMetrics of " + func + " already measure route " + routeId
                    + ", not also " + route.getRouteId() + "; use one instance per route");
        }
        routeId = route.getRouteId();
        String listenerType = route.getEndpoint().getEndpointUri().split(":", 2)[0];
        metrics = new NodeMetrics(route.getCamelContext(), settings, routeId, listenerType, func);
    }

    @Override
    public void onStart(Route route) {
        ServiceHelper.startService(metrics);
    }

    @Override
    public void onStop(Route route) {
        ServiceHelper.stopService(metrics);
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(StreamPyConstants.PIPELINE_BEGAN_AT, System.nanoTime());
        metrics.meter().received();
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Long beganAt = exchange.getProperty(StreamPyConstants.PIPELINE_BEGAN_AT, Long.class);
        if (beganAt != null) {
            metrics.meter().completed(System.nanoTime() - beganAt);
        }
    }
}
