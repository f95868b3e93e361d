package org.arroyo.camel.zocalo.rabbitmq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.apache.camel.support.service.ServiceSupport;
import org.arroyo.camel.zocalo.RecipeJson;
import org.arroyo.camel.zocalo.RecipeMessage;
import org.arroyo.camel.zocalo.RecipeOperator;
import org.arroyo.camel.zocalo.RecipeStep;
import org.arroyo.camel.zocalo.ZocaloConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel route step that makes the route a Zocalo service: it unwraps the recipe message the
 * route consumed, runs the operator on its step, and publishes what the operator sent, confirmed,
 * before the route completes (so the input is acknowledged only after every send was confirmed).
 * An operator failure goes to the step's error destination when the recipe names one, else to
 * Camel's error handler (the input is then rejected). It broadcasts the service status while
 * the route runs.
 */
public final class RecipeService extends ServiceSupport implements Processor, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(RecipeService.class);

    private final String name;
    private final RecipeOperator operator;
    private final RecipePublisher publisher;
    private final ServiceStatus status;
    private final StatusBroadcaster broadcaster;
    private final Duration statusInterval;
    private boolean allowNonRecipeMessages;
    private CamelContext camelContext;
    private ScheduledExecutorService statusExecutor;

    RecipeService(String name, RecipeOperator operator, RecipePublisher publisher, ConfirmedPublisher statusPublisher,
            String statusTopic, Duration statusInterval) {
        this.name = name;
        this.operator = operator;
        this.publisher = publisher;
        this.statusInterval = statusInterval;
        this.status = new ServiceStatus(statusInterval.isZero() ? Duration.ofSeconds(6) : statusInterval, System::nanoTime);
        this.broadcaster = new StatusBroadcaster(statusPublisher, statusTopic, name, operator.getClass().getName(), status);
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
            requireInputStillHeld(exchange);
            publisher.publish(step.deliveries());
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

    /**
     * If the consumer stopped while the operator worked, its channel closed and the broker put the
     * input back on the queue: publishing now would send the results twice.
     */
    private void requireInputStillHeld(Exchange exchange) {
        Channel channel = exchange.getProperty(SpringRabbitMQConstants.CHANNEL, Channel.class);
        if (channel != null && !channel.isOpen()) {
            throw new IllegalStateException("service " + name + " lost its input channel while processing: the broker"
                    + " re-delivers the message, so its results are not published now");
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
