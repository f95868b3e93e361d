package org.arroyo.camel.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ShutdownRoute;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.util.StringHelper;
import org.arroyo.camel.dataformat.PipelineFormat;
import org.arroyo.camel.dataformat.WireMessage;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.operator.Batch;
import org.arroyo.camel.operator.Batching;
import org.arroyo.camel.operator.BatchingProcessor;
import org.arroyo.camel.operator.Decoupling;
import org.arroyo.camel.operator.DecouplingProcessor;
import org.arroyo.camel.operator.FrameCheck;
import org.arroyo.camel.operator.FrameChecking;
import org.arroyo.camel.operator.Operator;
import org.arroyo.camel.operator.OperatorProcessor;
import org.arroyo.camel.operator.Outputs;
import org.arroyo.camel.operator.PartitionRecipients;
import org.arroyo.camel.operator.PipelineMeters;
import org.arroyo.camel.operator.PipelineProgress;
import org.arroyo.camel.operator.Partitioner;
import org.arroyo.camel.operator.Partitioning;
import org.arroyo.camel.operator.PublishProcessor;
import org.arroyo.camel.operator.Publishers;

/**
 * Describes one pipeline: listener → steps → publishers. Steps run in the order written.
 * {@link #publish} (or {@link #partition}) ends the description.
 */
public final class PipelineBuilder {

    /** The events of a batch, or the body itself. */
    private static final Expression UNBATCHED = elements("unbatched", Batch::unbatched);

    /** The schemes of listeners whose messages are byte arrays, never streams: ZeroMQ's, and the brokers' with Arroyo's delivery defaults. */
    private static final Set<String> BYTES_LISTENERS = Set.of("zeromq", ArroyoDelivery.SCHEME);

    private final RouteBuilder routes;
    private final String name;
    private final PipelineMeters meters;
    private PipelineFormat format = PipelineFormat.MSGPACK;
    private RouteDefinition firstRoute;
    private ProcessorDefinition<?> tail;
    /** How many steps the first route has right after the listener: where a frame check goes. */
    private int listenedSteps = -1;
    private int stages = 1;
    /** Whether the last route begun has the default dead letters, whose publishing step sends refused messages again. */
    private boolean resending;

    PipelineBuilder(RouteBuilder routes, String name) {
        this.routes = routes;
        this.name = Objects.requireNonNull(name, "pipeline name");
        this.meters = new PipelineMeters(name);
    }

    /**
     * The wire convention the listener reads and the publishers write, by name: {@code msgpack} (the default),
     * {@code json}, {@code json+raw}, {@code multipart}, {@code raw}, {@code lhhttt}; see {@link PipelineFormat}.
     * Comes before {@link #listen}.
     */
    public PipelineBuilder format(String format) {
        return format(PipelineFormat.fromName(format));
    }

    /** The wire convention the listener reads and the publishers write. Comes before {@link #listen}. */
    public PipelineBuilder format(PipelineFormat format) {
        if (tail != null) {
            throw new IllegalStateException("pipeline " + name + ": the format comes before listen(uri)");
        }
        this.format = Objects.requireNonNull(format, "format");
        return this;
    }

    /**
     * The listener: any Camel consumer endpoint URI. Several listeners feed the pipeline through a bounded queue
     * (routes {@code NAME-listener-1}, ... into the pipeline's route), so the operator is still called by one thread
     * at a time (unless a decoupling stage gives it more).
     */
    public PipelineBuilder listen(String... uris) {
        if (tail != null) {
            throw new IllegalStateException("pipeline " + name + " already listens; give all its listeners to one listen(...)");
        }
        if (uris.length == 0) {
            throw new IllegalArgumentException("pipeline " + name + " needs a listener");
        }
        if (uris.length == 1) {
            firstRoute = listener(uris[0], name);
            tail = read(firstRoute, name);
            return showingProgress(format != PipelineFormat.MSGPACK);
        }
        String merged = "seda:" + name + "-listeners?blockWhenFull=true";
        for (int i = 0; i < uris.length; i++) {
            String listener = name + "-listener-" + (i + 1);
            read(listener(uris[i], listener), listener).to(merged);
        }
        firstRoute = route(merged, name);
        tail = firstRoute;
        return showingProgress(false);
    }

    /**
     * The pipeline's progress lines ({@link PipelineProgress}), which also count its listener's messages for the meters
     * ({@link PipelineMeters}) and stand for the meters' policy there: the policy of its first route, and a step after
     * the listener's reader where the first route has one. No step of its own otherwise: each step costs every message
     * Camel's channel (the error handler's task and the reactive executor's round).
     */
    private PipelineBuilder showingProgress(boolean readInAStep) {
        PipelineProgress progress = new PipelineProgress(name, meters);
        firstRoute.routePolicy(progress);
        if (readInAStep) {
            tail = tail.process(progress.afterReading()).id(name + "-progress");
        }
        listenedSteps = firstRoute.getOutputs().size();
        return this;
    }

    /**
     * A route from a listener; one whose consumer dead-letters by itself keeps its failures ({@link DeadLetters}). A
     * listener whose messages are never streams gives Camel's stream caching nothing to cache, so its route skips the
     * check of every message's body.
     */
    private RouteDefinition listener(String uri, String routeId) {
        String delivered = ArroyoDelivery.pipelineUri(routes.getContext(), uri);
        RouteDefinition route;
        if (ArroyoDelivery.deadLettersItself(routes.getContext(), uri)) {
            resending = false;
            route = routes.from(delivered).routeId(routeId);
        } else {
            route = route(delivered, routeId);
        }
        String scheme = StringHelper.before(routes.getContext().resolvePropertyPlaceholders(delivered), ":");
        return scheme != null && BYTES_LISTENERS.contains(scheme) ? route.streamCache("false") : route;
    }

    /** A route of the pipeline, with the default dead letters unless an error handler is given ({@link DeadLetters}). */
    private RouteDefinition route(String uri, String routeId) {
        RouteDefinition route = routes.from(uri).routeId(routeId);
        resending = DeadLetters.applyTo(route, routes.getContext());
        return route;
    }

    /** The listener's messages read in the pipeline's format; msgpack needs no step, the type converters read it. */
    private ProcessorDefinition<?> read(RouteDefinition listener, String routeId) {
        return format == PipelineFormat.MSGPACK ? listener : listener.process(format.reader()).id(routeId + "-read");
    }

    /** What the pipeline does: the description of its route. */
    public PipelineBuilder description(String description) {
        started();
        firstRoute.description(description);
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

    /**
     * Checks the frame numbers of each run the listener gives ({@link FrameCheck}): gaps, duplicates, frames out of
     * order and a stop whose frame count disagrees, counted per run in the log, the stop's exchange, Micrometer
     * counters and a readiness health check. Comes right after {@link #listen}.
     */
    public PipelineBuilder checkFrames(FrameChecking settings) {
        if (tail != firstRoute || firstRoute.getOutputs().size() != listenedSteps) {
            throw new IllegalStateException("pipeline " + name + ": checkFrames comes right after listen(uri)");
        }
        tail = tail.process(new FrameCheck(name, settings)).id(name + "-frames");
        return this;
    }

    /** {@link #checkFrames(FrameChecking)} of frames numbered in this event metadata field. */
    public PipelineBuilder checkFrames(String field) {
        return checkFrames(FrameChecking.ofField(field));
    }

    /** {@link #checkFrames(FrameChecking)} with the defaults ({@link FrameChecking#DEFAULTS}). */
    public PipelineBuilder checkFrames() {
        return checkFrames(FrameChecking.DEFAULTS);
    }

    /** An operator instance. */
    public PipelineBuilder operator(Operator operator) {
        tail = started().process(meters.timed(new OperatorProcessor(operator))).id(name + "-operator");
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
        return batch(new Batching(maxSize, maxAge, maxIdle));
    }

    /** {@link #batch(int, Duration, Duration)} with the default ages ({@link Batching#DEFAULT_MAX_AGE}, {@link Batching#DEFAULT_MAX_IDLE}). */
    public PipelineBuilder batch(int maxSize) {
        return batch(Batching.ofSize(maxSize));
    }

    /** {@link #batch(int, Duration, Duration)} with these settings. */
    public PipelineBuilder batch(Batching settings) {
        String batches = "direct:" + name + "-batches";
        started().process(new BatchingProcessor(batches, settings)).id(name + "-batching");
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
        return decouple(new Decoupling(queueSize, threads));
    }

    /** {@link #decouple(int, int)} with the defaults ({@link Decoupling#DEFAULTS}). */
    public PipelineBuilder decouple() {
        return decouple(Decoupling.DEFAULTS);
    }

    /** {@link #decouple(int, int)} with these settings. */
    public PipelineBuilder decouple(Decoupling settings) {
        String decoupled = "direct:" + name + "-decoupled";
        DecouplingProcessor decoupling = new DecouplingProcessor(decoupled, settings);
        meters.queue(name + "-decouple", decoupling::getPending);
        started().process(decoupling).id(name + "-decouple");
        return nextStage(decoupled);
    }

    /**
     * Ends the pipeline by sending each event to one of the outputs, as the partitioner chooses
     * ({@code floorMod(choice, outputs.length)}); starts and stops go to every output. The outputs get the
     * pipeline's format, as publishers do.
     */
    public void partition(Partitioner partitioner, String... outputs) {
        partitioning().split(elements("eachWireMessage", this::wireMessages)).id(name + "-each-output")
                .recipientList(new PartitionRecipients(partitioner, List.of(outputs))).onPrepare(WireMessage::unwrap).id(name + "-partition")
                .end();
    }

    /** {@link #partition(Partitioner, String...)} as the settings say. */
    public void partition(Partitioning settings) {
        partition(settings.partitioner(), settings.outputs().toArray(String[]::new));
    }

    /** What a body stands for on the wire: each of an operator's several outputs, each in its wire messages. */
    private List<?> wireMessages(Object body) {
        List<Object> messages = new ArrayList<>();
        for (Object output : body instanceof Outputs outputs ? outputs.messages() : Collections.singletonList(body)) {
            messages.addAll(format.wireMessages(output));
        }
        return messages;
    }

    private PipelineBuilder nextStage(String uri) {
        // later stages stop after the first, so what the first still holds on stopping reaches them
        tail = route(uri, name + "-" + ++stages).shutdownRoute(ShutdownRoute.Defer).routePolicy(meters);
        return this;
    }

    /**
     * The publishers: each message the steps produce goes to every URI (several outputs of an
     * operator one after the other, in order), written in the pipeline's format. Publishers can be added and
     * removed at runtime through the returned {@link Publishers}, also bound in the registry as
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
        started().process(meters.countingPublished(new PublishProcessor(publishers, format, resending ? DeadLetters.RESENDING : null))).id(name + "-publish");
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

    /** The last steps so far, then the count of what the partition's outputs are handed. */
    private ProcessorDefinition<?> partitioning() {
        return started().process(meters.published()).id(name + "-meter-out");
    }

    private ProcessorDefinition<?> started() {
        if (tail == null) {
            throw new IllegalStateException("pipeline " + name + " needs listen(uri) first");
        }
        return tail;
    }
}
