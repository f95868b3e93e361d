package org.arroyo.camel.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers events into {@link Batch}es and sends them on to an endpoint. A batch closes when it
 * reaches {@code maxSize}, when its first event is {@code maxAge} old, when no event came for
 * {@code maxIdle}, and always at a run boundary (a start or stop, which then follows the batch).
 * Timers run on a scheduler from Camel's executor service manager; batches and run boundaries
 * leave in arrival order.
 */
public class BatchingProcessor extends ServiceSupport implements Processor, CamelContextAware, RouteIdAware, ShutdownPrepared {

    /** Header on a batch's exchange: {@code SIZE}, {@code AGE}, {@code IDLE} or {@code RUN_BOUNDARY}. */
    public static final String CLOSED_BY_HEADER = "ArroyoBatchClosedBy";

    private static final Logger LOG = LoggerFactory.getLogger(BatchingProcessor.class);

    private final String targetUri;
    private final int maxSize;
    private final long maxAgeNanos;
    private final long maxIdleNanos;
    private final List<Event> batch = new ArrayList<>();
    private CamelContext camelContext;
    private String routeId;
    private StageOutput target;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> timer;
    private long firstAt;
    private long lastAt;

    public BatchingProcessor(String targetUri, int maxSize, Duration maxAge, Duration maxIdle) {
        if (maxSize < 1 || maxAge.isNegative() || maxAge.isZero() || maxIdle.isNegative() || maxIdle.isZero()) {
            throw new IllegalArgumentException("batching needs maxSize >= 1 and positive maxAge and maxIdle, got "
                    + maxSize + ", " + maxAge + ", " + maxIdle);
        }
        this.targetUri = targetUri;
        this.maxSize = maxSize;
        this.maxAgeNanos = maxAge.toNanos();
        this.maxIdleNanos = maxIdle.toNanos();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // an operator before may have produced several messages
        List<ArroyoMessage> messages = exchange.getMessage().getBody() instanceof Outputs outputs ? outputs.messages()
                : List.of(exchange.getMessage().getMandatoryBody(ArroyoMessage.class));
        synchronized (batch) {
            for (ArroyoMessage message : messages) {
                if (message instanceof Event event) {
                    add(event);
                } else {
                    close(Batch.ClosedBy.RUN_BOUNDARY);
                    send(message, ArroyoMessage.TYPE_HEADER, message.type().wireName());
                }
            }
        }
        exchange.setRouteStop(true);
    }

    private void add(Event event) throws Exception {
        long now = System.nanoTime();
        if (batch.isEmpty()) {
            firstAt = now;
        }
        lastAt = now;
        batch.add(event);
        if (batch.size() >= maxSize) {
            close(Batch.ClosedBy.SIZE);
        } else {
            schedule(Math.min(firstAt + maxAgeNanos, lastAt + maxIdleNanos) - now);
        }
    }

    private void schedule(long delayNanos) {
        cancelTimer();
        timer = scheduler.schedule(this::closeOnTime, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void closeOnTime() {
        synchronized (batch) {
            if (batch.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            long ageDue = firstAt + maxAgeNanos;
            long idleDue = lastAt + maxIdleNanos;
            if (now < Math.min(ageDue, idleDue)) {
                schedule(Math.min(ageDue, idleDue) - now);
                return;
            }
            try {
                close(now >= ageDue ? Batch.ClosedBy.AGE : Batch.ClosedBy.IDLE);
            } catch (Exception e) {
                LOG.error("Could not send a batch closed on time to {}", targetUri, e);
            }
        }
    }

    private void close(Batch.ClosedBy reason) throws Exception {
        cancelTimer();
        if (batch.isEmpty()) {
            return;
        }
        Batch closed = new Batch(batch, reason);
        batch.clear();
        send(closed, CLOSED_BY_HEADER, reason.name());
    }

    private void send(Object body, String header, String value) throws Exception {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(header, value);
        target.send(exchange);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    protected void doStart() throws Exception {
        target = new StageOutput(targetUri, routeId);
        target.start(camelContext);
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ArroyoBatching");
    }

    /** On shutdown, before the later stages stop, the open batch is sent. */
    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        if (suspendOnly) {
            return;
        }
        synchronized (batch) {
            try {
                close(Batch.ClosedBy.SHUTDOWN);
            } catch (Exception e) {
                LOG.error("Could not send the last batch of {} events to {} on shutdown", batch.size(), targetUri, e);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (batch) {
            cancelTimer();
        }
        camelContext.getExecutorServiceManager().shutdown(scheduler);
        target.stop();
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    /** The route of the batching step: the route its batches come from. */
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
