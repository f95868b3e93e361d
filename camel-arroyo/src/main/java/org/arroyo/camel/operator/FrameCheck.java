package org.arroyo.camel.operator;

import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.RunId;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the frame numbers of each run a pipeline receives: gaps, duplicates, frames out of order, and a stop whose
 * frame count differs from the frames that arrived ({@link FrameCount}). A start begins a new run. The counts go to
 * <ul>
 * <li>the log: a WARN line when a run first loses frames, and at the stop one line with the run's counts (INFO when
 * the run was in sequence, else WARN), logger {@code org.arroyo.camel.operator.FrameCheck};</li>
 * <li>the stop's exchange, property {@value ArroyoConstants#FRAME_COUNT};</li>
 * <li>Micrometer counters, with camel-micrometer on the class path ({@link FrameMeters});</li>
 * <li>a readiness health check, with camel-health on the class path: DOWN while the current run is losing frames.</li>
 * </ul>
 * The step decodes the listener's bytes once, as the operator would; bytes that do not decode are left to the
 * pipeline's later steps. Frame numbers are whole numbers from 0; an event without one is counted as unnumbered.
 */
public final class FrameCheck extends ServiceSupport implements Processor, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(FrameCheck.class);

    private final String pipeline;
    private final FrameChecking settings;
    private final FrameHealthCheck health;
    private CamelContext camelContext;
    private FrameMeters meters;

    private FrameSequence run = new FrameSequence("?");
    private boolean lossLogged;
    private boolean unnumberedLogged;

    /**
     * @param pipeline the pipeline's name: the {@code pipeline} tag of the counters, the health check's id
     *                 ({@code arroyo-frames-NAME}) and the beginning of each log line
     */
    public FrameCheck(String pipeline, FrameChecking settings) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = new FrameHealthCheck(pipeline, this::current);
    }

    /** What the current run (the last one started) has counted so far. */
    public synchronized FrameCount current() {
        return run.count();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ArroyoMessage message = OperatorProcessor.peek(exchange, pipeline, LOG);
        if (message == null) {
            return;
        }
        if (message instanceof Event event) {
            arrived(event);
        } else if (message instanceof Start start) {
            started(start);
        } else {
            exchange.setProperty(ArroyoConstants.FRAME_COUNT, stopped((Stop) message));
        }
    }

    private synchronized void started(Start start) {
        run = new FrameSequence(RunId.in(start.data()).orElse("?"));
        lossLogged = unnumberedLogged = false;
    }

    private synchronized void arrived(Event event) {
        Object value = event.metadata().get(settings.field());
        Long frame = wholeNumber(value);
        if (frame == null) {
            run.unnumbered();
            if (!unnumberedLogged) {
                unnumberedLogged = true;
                LOG.warn("{}: run {}: an event without a frame number in {} (it holds {}); such events are not checked",
                        pipeline, run.count().run(), settings.field(), value);
            }
            return;
        }
        FrameCount before = run.count();
        run.arrived(frame);
        FrameCount after = run.count();
        if (meters != null) {
            meters.arrived(before, after);
        }
        if (after.losing() && !lossLogged) {
            lossLogged = true;
            LOG.warn("{}: run {} is losing frames: {} {} arrived with {} missing", pipeline, after.run(), settings.field(),
                    frame, run.firstGap());
        }
    }

    private synchronized FrameCount stopped(Stop stop) {
        run.stopped(wholeNumber(stop.data().get(settings.countField())));
        FrameCount count = run.count();
        if (meters != null) {
            meters.stopped(count);
        }
        if (count.inSequence()) {
            LOG.info("{}: run {} frames: {}", pipeline, count.run(), count);
        } else {
            LOG.warn("{}: run {} frames: {}", pipeline, count.run(), count);
        }
        return count;
    }

    /** A frame number or count: a whole number from 0, or null. */
    private static Long wholeNumber(Object value) {
        if (value instanceof Long number && number >= 0) {
            return number;
        }
        if (value instanceof Double number && number >= 0 && number == Math.rint(number) && number < 0x1p53) {
            return number.longValue();
        }
        return null;
    }

    @Override
    protected void doStart() {
        if (MicrometerOnClassPath.present()) {
            meters = FrameMeters.register(camelContext, pipeline);
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (registry != null) {
            registry.register(health);
        }
    }

    @Override
    protected void doStop() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        if (registry != null) {
            registry.unregister(health);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public String toString() {
        return "frameCheck[" + settings.field() + "]";
    }
}
