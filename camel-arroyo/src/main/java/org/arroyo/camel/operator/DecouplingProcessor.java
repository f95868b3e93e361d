package org.arroyo.camel.operator;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decouples receiving from processing where the next steps cannot be a route of their own (a Kamelet's
 * {@code kamelet:sink}): the receiving thread hands a copy of each message to a queue of {@code queueSize}
 * and {@code threads} threads send them on to an endpoint (order across threads is not kept). A full queue
 * blocks the receiving thread (backpressure) instead of growing. Graceful shutdown waits until everything
 * queued has been sent; the threads come from Camel's executor service manager.
 */
public class DecouplingProcessor extends ServiceSupport implements Processor, CamelContextAware, RouteIdAware, ShutdownAware {

    private static final Logger LOG = LoggerFactory.getLogger(DecouplingProcessor.class);

    private final String targetUri;
    private final int threads;
    /** one permit per message queued or being sent */
    private final Semaphore room;
    private final AtomicInteger pending = new AtomicInteger();
    private CamelContext camelContext;
    private String routeId;
    private StageOutput target;
    private ExecutorService executor;

    public DecouplingProcessor(String targetUri, int queueSize, int threads) {
        if (queueSize < 1 || threads < 1) {
            throw new IllegalArgumentException("decoupling needs queueSize >= 1 and threads >= 1, got " + queueSize + ", " + threads);
        }
        this.targetUri = targetUri;
        this.threads = threads;
        this.room = new Semaphore(queueSize + threads);
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
            target.send(exchange);
        } catch (Exception e) {
            LOG.error("Could not send a decoupled message to {}", targetUri, e);
        } finally {
            pending.decrementAndGet();
            room.release();
        }
    }

    /** Messages queued or being sent. */
    public int getPending() {
        return pending.get();
    }

    @Override
    protected void doStart() throws Exception {
        target = new StageOutput(targetUri, routeId);
        target.start(camelContext);
        executor = camelContext.getExecutorServiceManager().newFixedThreadPool(this, "ArroyoDecoupling", threads);
    }

    @Override
    protected void doStop() throws Exception {
        camelContext.getExecutorServiceManager().shutdownGraceful(executor);
        target.stop();
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

    @Override
    public String getRouteId() {
        return routeId;
    }

    /** The route of the decoupling step: the route the messages sent on come from. */
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
