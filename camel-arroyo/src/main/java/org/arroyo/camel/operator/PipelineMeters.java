package org.arroyo.camel.operator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.support.processor.DelegateProcessor;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * A pipeline's figures as Micrometer meters, when the Camel registry holds a Micrometer registry as
 * {@code metricsRegistry} ({@code arroyo.observe} or {@code camel.metrics.enabled} bind one): messages in and out by
 * {@code msg_type}, operator time, failures, dead letters, the queue depth of decoupling stages and batch sizes (see
 * {@link Meters}). Without such a registry it measures nothing. The pipelines of every DSL form have it: the route
 * policy of each of their routes (failures there, batch sizes where batches arrive; on the first route
 * {@link PipelineProgress} is the policy and calls it), {@link PipelineProgress} for what the listener gives, and the
 * publish step for what the publishers took.
 */
public final class PipelineMeters extends RoutePolicySupport {

    private final String pipeline;
    private final Map<String, IntSupplier> queues = new LinkedHashMap<>();
    /** null until a route starts with a Micrometer registry bound */
    private volatile Meters meters;

    public PipelineMeters(String pipeline) {
        this.pipeline = pipeline;
    }

    /** A decoupling stage's queue: messages waiting or being processed. */
    public void queue(String stage, IntSupplier depth) {
        queues.put(stage, depth);
    }

    /**
     * Registers the meters before the listener starts: Camel starts a route's consumer before it calls
     * {@link #onStart}, and a listener polling at once (a file listener with {@code initialDelay=0}) would have its
     * first messages go uncounted.
     */
    @Override
    public void onInit(Route route) {
        register(route);
    }

    /** Registers them here when the registry was bound only after the route was set up. */
    @Override
    public void onStart(Route route) {
        register(route);
    }

    private synchronized void register(Route route) {
        if (MicrometerOnClassPath.present() && meters == null) {
            meters = Meters.register(route.getCamelContext(), pipeline, queues);
        }
    }

    /** Whether the meters are registered: only then is there anything to count. */
    public boolean measuring() {
        return meters != null;
    }

    /** Counts a message the listener gave, by type ({@link PipelineProgress} notes each one). */
    public void received(ArroyoMessage message) {
        Meters now = meters;
        if (now != null) {
            now.received(message.type());
        }
    }

    /**
     * The publish step, counting what the publishers took, by type (a batch as its events), once it succeeded: no step
     * of its own, which would cost every message Camel's channel.
     */
    public AsyncProcessor countingPublished(AsyncProcessor publish) {
        return new DelegateAsyncProcessor(publish) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                Meters now = meters;
                if (now == null) {
                    return processor.process(exchange, callback);
                }
                Object body = exchange.getMessage().getBody();
                return processor.process(exchange, doneSync -> {
                    if (exchange.getException() == null) {
                        countPublished(now, body);
                    }
                    callback.done(doneSync);
                });
            }
        };
    }

    /** The step before the partition's outputs: counts what they are handed, by type (a batch as its events). */
    public Processor published() {
        return exchange -> {
            Meters now = meters;
            if (now != null) {
                countPublished(now, exchange.getMessage().getBody());
            }
        };
    }

    private static void countPublished(Meters now, Object body) {
        for (Object message : body instanceof Outputs outputs ? outputs.messages() : Batch.unbatched(body)) {
            if (message instanceof ArroyoMessage published) {
                now.published(published.type());
            }
        }
    }

    /** The operator step, timed (a delegate, so that Camel and the dead letters see the operator inside). */
    public Processor timed(Processor operator) {
        return new DelegateProcessor(operator) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Meters now = meters;
                if (now == null) {
                    operator.process(exchange);
                    return;
                }
                long began = System.nanoTime();
                try {
                    operator.process(exchange);
                } finally {
                    now.operated(System.nanoTime() - began);
                }
            }

            @Override
            public String toString() {
                return operator.toString();
            }
        };
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        Meters now = meters;
        if (now != null && exchange.getMessage().getBody() instanceof Batch batch) {
            now.batch(batch.size());
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Meters now = meters;
        boolean handled = ExchangeHelper.isFailureHandled(exchange);
        if (now != null && (exchange.isFailed() || handled)) {
            now.failed(handled);
        }
    }
}
