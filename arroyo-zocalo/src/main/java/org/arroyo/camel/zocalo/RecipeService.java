package org.arroyo.camel.zocalo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel route step that makes the route a Zocalo service: it unwraps the recipe message the
 * route consumed, runs the operator on its step, and publishes what the operator sent through its
 * {@link RecipeTransport} before the route completes (so the input is acknowledged only after the
 * broker holds every send).
 * An operator failure goes to the step's error destination when the recipe names one, else to
 * Camel's error handler (the input is then rejected). It broadcasts the service status while
 * the route runs.
 */
public final class RecipeService extends ServiceSupport implements Processor, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(RecipeService.class);

    private final String name;
    private final RecipeOperator operator;
    private final RecipeTransport transport;
    private final ServiceStatus status;
    private final StatusBroadcaster broadcaster;
    private final Duration statusInterval;
    private boolean allowNonRecipeMessages;
    private CamelContext camelContext;
    private ScheduledExecutorService statusExecutor;

    /** Service {@code name} running {@code operator}, broadcasting its status every {@code statusInterval} (zero: never). */
    public RecipeService(String name, RecipeOperator operator, RecipeTransport transport, Duration statusInterval) {
        this.name = name;
        this.operator = operator;
        this.transport = transport;
        this.statusInterval = statusInterval;
        this.status = new ServiceStatus(statusInterval.isZero() ? Duration.ofSeconds(6) : statusInterval, System::nanoTime);
        this.broadcaster = new StatusBroadcaster(transport, name, operator.getClass().getName(), status);
    }

    /** Passes messages without the workflows-recipe header to the operator (as a step without recipe). */
    public RecipeService allowNonRecipeMessages() {
        this.allowNonRecipeMessages = true;
        return this;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RecipeStep step = stepOf(exchange.getMessage());
        status.enter(ServiceStatus.State.PROCESSING);
        try {
            runOperator(step);
        } finally {
            status.enter(ServiceStatus.State.IDLE);
        }
        if (!step.deliveries().isEmpty()) {
            transport.requireInputStillHeld(exchange);
            transport.publish(step.deliveries());
        }
    }

    private RecipeStep stepOf(Message in) {
        String body = body(in);
        if (RecipeMessage.isRecipeHeader(in.getHeader(ZocaloConstants.WORKFLOWS_RECIPE))) {
            return RecipeStep.of(RecipeMessage.parse(body));
        } else if (!allowNonRecipeMessages) {
            throw new IllegalArgumentException("service " + name + " received a message without header "
                    + ZocaloConstants.WORKFLOWS_RECIPE + ": it is not a recipe message and is rejected (allowNonRecipeMessages() accepts such messages)");
        }
        return RecipeStep.withoutRecipe(parseOrText(body));
    }

    private void runOperator(RecipeStep step) throws Exception {
        try {
            operator.process(step);
        } catch (Exception e) {
            if (!step.hasErrorDestination()) {
                throw e;
            }
            LOG.warn("Service {} failed at step {}, sending the input to the error destination: {}", name, step.pointer(), e.toString());
            step.discardDeliveries();
            step.error(step.payload(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String body(Message in) {
        Object body = in.getBody();
        if (body instanceof String text) {
            return text;
        }
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null) {
            throw new IllegalArgumentException("the message has no body");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** As python-workflows: JSON when it parses, else the text itself. */
    private static Object parseOrText(String body) {
        try {
            return RecipeJson.parse(body);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    @Override
    protected void doStart() {
        status.enter(ServiceStatus.State.IDLE);
        if (!statusInterval.isZero()) {
            statusExecutor = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ZocaloStatus-" + name);
            statusExecutor.scheduleAtFixedRate(broadcaster::broadcast, 0, statusInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        status.enter(ServiceStatus.State.SHUTDOWN);
        if (statusExecutor != null) {
            camelContext.getExecutorServiceManager().shutdown(statusExecutor);
            statusExecutor = null;
            broadcaster.broadcast();
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
}
