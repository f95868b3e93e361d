package org.arroyo.camel.dsl;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.ExpressionAdapter;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.operator.Batch;
import org.arroyo.camel.operator.BatchingProcessor;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.OperatorProcessor;
import org.arroyo.camel.operator.Outputs;
import org.arroyo.camel.operator.PartitionRecipients;
import org.arroyo.camel.operator.Partitioner;
import org.arroyo.camel.operator.PublishProcessor;
import org.arroyo.camel.operator.Publishers;

/**
 * Describes one pipeline: listener → steps → publishers. Steps run in the order written.
 * {@link #publish} ends the description.
 */
public final class PipelineBuilder {

    /** The messages a step produced: each of an operator's several outputs, or the body itself. */
    private static final Expression EACH_OUTPUT = elements("eachOutput",
            body -> body instanceof Outputs outputs ? outputs.messages() : Collections.singletonList(body));

    /** The events of a batch, or the body itself. */
    private static final Expression UNBATCHED = elements("unbatched", Batch::unbatched);

    private final RouteBuilder routes;
    private final String name;
    private RouteDefinition firstRoute;
    private ProcessorDefinition<?> tail;
    private int stages = 1;

    PipelineBuilder(RouteBuilder routes, String name) {
        this.routes = routes;
        this.name = Objects.requireNonNull(name, "pipeline name");
    }

    /** The listener: any Camel consumer endpoint URI. */
    public PipelineBuilder listen(String uri) {
        if (tail != null) {
            throw new IllegalStateException("pipeline " + name + " already listens; one listener per pipeline");
        }
        firstRoute = routes.from(ArroyoDelivery.pipelineUri(routes.getContext(), uri)).routeId(name);
        tail = firstRoute;
        return this;
    }

    /**
     * Route policies of the pipeline's first route (the listener's), e.g. {@code PipelineMetrics}
     * to report the pipeline's figures; they see each message from the listener to the publishers,
     * or to the first batching or decoupling stage.
     */
    public PipelineBuilder routePolicy(RoutePolicy... policies) {
        started();
        firstRoute.routePolicy(policies);
        return this;
    }

    /** An operator instance. */
    public PipelineBuilder operator(Operator operator) {
        tail = started().process(new OperatorProcessor(operator)).id(name + "-operator");
        return this;
    }

    /** An operator bean from the registry, by name. */
    public PipelineBuilder operator(String beanName) {
        Operator operator = routes.getContext().getRegistry().lookupByNameAndType(beanName, Operator.class);
        if (operator == null) {
            throw new IllegalArgumentException("pipeline " + name + ": no Operator bean named '" + beanName + "'");
        }
        return operator(operator);
    }

    /**
     * Gathers events into {@link Batch}es that close on {@code maxSize}, when the first event is
     * {@code maxAge} old, after {@code maxIdle} without events, and always at a start or stop (which
     * follows its run's last batch). Later steps receive {@code Batch} bodies; operators see them in
     * {@link Operator#onBatch}.
     */
    public PipelineBuilder batch(int maxSize, Duration maxAge, Duration maxIdle) {
        String batches = "direct:" + name + "-batches";
        started().process(new BatchingProcessor(batches, maxSize, maxAge, maxIdle)).id(name + "-batching");
        return nextStage(batches);
    }

    /** Each event of a {@link Batch} on its own again, in order (other bodies pass as they are). */
    public PipelineBuilder unbatch() {
        tail = started().split(UNBATCHED).id(name + "-unbatch");
        return this;
    }

    /**
     * Decouples receiving from processing: the listener's thread puts messages in a queue of
     * {@code queueSize} and {@code threads} threads process them (order across threads is not
     * kept). A full queue blocks the listener (backpressure) instead of growing.
     */
    public PipelineBuilder decouple(int queueSize, int threads) {
        String queue = "seda:" + name + "-decoupled?size=" + queueSize;
        started().to(queue + "&blockWhenFull=true").id(name + "-decouple");
        return nextStage(queue + "&concurrentConsumers=" + threads);
    }

    /**
     * Ends the pipeline by sending each event to one of the outputs, as the partitioner chooses
     * ({@code floorMod(choice, outputs.length)}); starts and stops go to every output.
     */
    public void partition(Partitioner partitioner, String... outputs) {
        started().split(EACH_OUTPUT).id(name + "-each-output")
                .recipientList(new PartitionRecipients(partitioner, List.of(outputs))).id(name + "-partition")
                .end();
    }

    private PipelineBuilder nextStage(String uri) {
        // later stages stop after the first, so what the first still holds on stopping reaches them
        tail = routes.from(uri).routeId(name + "-" + ++stages).shutdownRoute(ShutdownRoute.Defer);
        return this;
    }

    /**
     * The publishers: each message the steps produce goes to every URI (several outputs of an
     * operator one after the other, in order). Publishers can be added and removed at runtime
     * through the returned {@link Publishers}, also bound in the registry as
     * {@code NAME-publishers} and in JMX.
     */
    public Publishers publish(String... uris) {
        Publishers publishers = new Publishers(name, List.of(uris));
        routes.getContext().getRegistry().bind(name + "-publishers", publishers);
        try {
            routes.getContext().addService(publishers);
        } catch (Exception e) {
            throw new IllegalStateException("pipeline " + name + ": cannot register its publishers", e);
        }
        started().process(new PublishProcessor(publishers)).id(name + "-publish");
        return publishers;
    }

    /** An expression for a splitter: the elements a body stands for. */
    private static Expression elements(String name, Function<Object, List<?>> elementsOf) {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                return elementsOf.apply(exchange.getMessage().getBody());
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private ProcessorDefinition<?> started() {
        if (tail == null) {
            throw new IllegalStateException("pipeline " + name + " needs listen(uri) first");
        }
        return tail;
    }
}
