package org.arroyo.camel.operator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decouples receiving from processing: the receiving thread hands a copy of each message to a queue of
 * {@code queueSize} and {@code threads} threads emit them to an endpoint (order across threads is not kept). A full
 * queue blocks the receiving thread (backpressure) instead of growing. Graceful shutdown waits until everything
 * queued has been emitted; the threads come from Camel's executor service manager.
 */
public class DecouplingProcessor extends StageProcessor implements ShutdownAware {

    private static final Logger LOG = LoggerFactory.getLogger(DecouplingProcessor.class);

    private final int threads;
    /** one permit per message queued or being emitted */
    private final Semaphore room;
    private final AtomicInteger pending = new AtomicInteger();
    private ExecutorService executor;

    /** @param targetUri where the messages go */
    public DecouplingProcessor(String targetUri, Decoupling settings) {
        super(targetUri);
        this.threads = settings.threads();
        this.room = new Semaphore(settings.queueSize() + settings.threads());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exchange copy = ExchangeHelper.createCorrelatedCopy(exchange, false);
        room.acquire();
        pending.incrementAndGet();
        executor.execute(() -> send(copy));
        exchange.setRouteStop(true);
    }

    private void send(Exchange exchange) {
        try {
            emit(exchange);
        } catch (Exception e) {
            LOG.error("Could not send a decoupled message to {}", getTargetUri(), e);
        } finally {
            pending.decrementAndGet();
            room.release();
        }
    }

    /** Messages queued or being processed by the threads. */
    public int getPending() {
        return pending.get();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        executor = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "ArroyoDecoupling", threads);
    }

    @Override
    protected void doStop() throws Exception {
        getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
        super.doStop();
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return false;
    }

    /** What graceful shutdown waits for. */
    @Override
    public int getPendingExchangesSize() {
        return pending.get();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // nothing to prepare: shutdown waits for the pending messages, then stops the threads
    }
}
