package org.arroyo.camel.streampy.metrics;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.operator.ArroyopyMeters;
import org.arroyo.camel.operator.MicrometerOnClassPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of one node (a pipeline, a queue node): its stream-py reports every
 * {@code statsPeriod} when settings are given, and its arroyopy meters when camel-micrometer is on
 * the class path. {@link #meter()} takes the measurements.
 */
public final class NodeMetrics extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMetrics.class);

    private final MessageMeter meter;
    private final StatsReporter reporter;

    /**
     * @param settings     where to report, or {@code null} for Micrometer meters only
     * @param pipeline     the {@code pipeline} tag
     * @param listenerType the {@code listener_type} tag
     * @param func         the report's {@code func} and the {@code operator_type} tag
     */
    public NodeMetrics(CamelContext camelContext, MetricsSettings settings, String pipeline, String listenerType, String func) {
        List<MessageMeter> meters = new ArrayList<>();
        if (settings != null) {
            StatsWindow window = new StatsWindow();
            meters.add(window);
            reporter = new StatsReporter(camelContext, window, settings, func);
        } else {
            reporter = null;
        }
        if (MicrometerOnClassPath.present()) {
            ArroyopyMeters arroyopy = ArroyopyMeters.register(camelContext, pipeline, listenerType, func);
            meters.add(new MessageMeter() {
                @Override
                public void received() {
                    arroyopy.received();
                }

                @Override
                public void completed(long elapsedNanos) {
                    arroyopy.completed(elapsedNanos);
                }
            });
        } else {
            LOG.debug("camel-micrometer is not on the class path: no arroyopy meters for {}", pipeline);
        }
        meter = MessageMeter.all(meters);
    }

    public MessageMeter meter() {
        return meter;
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(reporter);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(reporter);
    }
}
