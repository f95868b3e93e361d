package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.DefaultExchange;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers events into {@link Batch}es and emits them to an endpoint. A batch closes when it
 * reaches {@code maxSize}, when its first event is {@code maxAge} old, when no event came for
 * {@code maxIdle}, and always at a run boundary (a start or stop, which then follows the batch).
 * Timers run on a scheduler from Camel's executor service manager; batches and run boundaries
 * leave in arrival order. The header {@value ArroyoConstants#BATCH_CLOSED_BY} says why a batch closed.
 */
public class BatchingProcessor extends StageProcessor implements ShutdownPrepared {

    private static final Logger LOG = LoggerFactory.getLogger(BatchingProcessor.class);

    private final int maxSize;
    private final long maxAgeNanos;
    private final long maxIdleNanos;
    private final List<Event> batch = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> timer;
    private long firstAt;
    private long lastAt;

    /** @param targetUri where the batches, starts and stops go */
    public BatchingProcessor(String targetUri, Batching settings) {
        super(targetUri);
        this.maxSize = settings.maxSize();
        this.maxAgeNanos = settings.maxAge().toNanos();
        this.maxIdleNanos = settings.maxIdle().toNanos();
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
                    send(message, ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
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
                LOG.error("Could not send a batch closed on time to {}", getTargetUri(), e);
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
        send(closed, ArroyoConstants.BATCH_CLOSED_BY, reason.name());
    }

    private void send(Object body, String header, String value) throws Exception {
        Exchange exchange = new DefaultExchange(getCamelContext());
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(header, value);
        emit(exchange);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ArroyoBatching");
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
                LOG.error("Could not send the last batch of {} events to {} on shutdown", batch.size(), getTargetUri(), e);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (batch) {
            cancelTimer();
        }
        getCamelContext().getExecutorServiceManager().shutdown(scheduler);
        super.doStop();
    }
}
