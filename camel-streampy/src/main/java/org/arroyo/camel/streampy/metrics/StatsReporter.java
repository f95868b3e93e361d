package org.arroyo.camel.streampy.metrics;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code statsPeriod} sends one {@link MetricsReport} of a {@link StatsWindow}, as stream-py's
 * JSON text, to an endpoint: usually {@code streampy:socket:HOST:PORT} (one UDP datagram per
 * report, as stream-py's nodes send them), but any Camel producer URI works. A period with no
 * traffic still sends its report (with null figures), as stream-py does.
 */
public final class StatsReporter extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StatsReporter.class);

    private final CamelContext camelContext;
    private final StatsWindow window;
    private final MetricsSettings settings;
    private final String func;
    private Producer producer;
    private ScheduledExecutorService scheduler;

    public StatsReporter(CamelContext camelContext, StatsWindow window, MetricsSettings settings, String func) {
        this.camelContext = Objects.requireNonNull(camelContext, "camelContext");
        this.window = window;
        this.settings = settings;
        this.func = func;
    }

    @Override
    protected void doStart() throws Exception {
        producer = camelContext.getEndpoint(settings.reportUri()).createProducer();
        ServiceHelper.startService(producer);
        window.drain(settings.vuid(), func);
        long period = settings.statsPeriod().toNanos();
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "StreamPyStats-" + settings.vuid());
        scheduler.scheduleAtFixedRate(this::report, period, period, TimeUnit.NANOSECONDS);
    }

    private void report() {
        MetricsReport report = window.drain(settings.vuid(), func);
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getMessage().setBody(report.toJson());
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            LOG.warn("Could not send the metrics report of {} to {}: {}", settings.vuid(), settings.reportUri(),
                    exchange.getException().getMessage());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) { // null when stopped without having started, as a route built and never started
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
        }
        ServiceHelper.stopService(producer);
    }
}
