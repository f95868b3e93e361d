package org.arroyo.camel.zocalo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.strformat.PythonValues;

/**
 * The step of a recipe that a received message is for, with what python-workflows'
 * RecipeWrapper offers a service: the payload, the node and its parameters, the environment,
 * and sending on to the node's outputs. Sends are collected as {@link #deliveries()}; the
 * transport publishes them together once the service is done with the message.
 */
public final class RecipeStep {

    private static final String PARAMETERS = "parameters";

    private final RecipeMessage message;
    private final Object payload;
    private final List<RecipeDelivery> deliveries = new ArrayList<>();
    private String defaultChannel;

    private RecipeStep(RecipeMessage message, Object payload) {
        this.message = message;
        this.payload = payload;
    }

    /** The step a recipe-wrapped message points to. */
    public static RecipeStep of(RecipeMessage message) {
        message.recipe().node(message.pointer()); // a pointer to no node fails here, not at the first send
        return new RecipeStep(message, message.payload());
    }

    /** A message without a recipe: it has a payload, and can start recipes, but has no outputs. */
    public static RecipeStep withoutRecipe(Object payload) {
        return new RecipeStep(null, payload);
    }

    public boolean hasRecipe() {
        return message != null;
    }

    public Object payload() {
        return payload;
    }

    /** The payload read as {@code type}, e.g. a record whose fields are the payload's keys. */
    public <T> T payload(Class<T> type) {
        return RecipeJson.convert(payload, type);
    }

    public RecipeMessage message() {
        return requireRecipe();
    }

    public Recipe recipe() {
        return requireRecipe().recipe();
    }

    public long pointer() {
        return requireRecipe().pointer();
    }

    public Map<String, Object> environment() {
        return message == null ? Map.of() : message.environment();
    }

    /** The current node: service, queue, parameters, outputs. */
    public Map<String, Object> node() {
        return recipe().node(pointer());
    }

    /** The current node's {@code parameters}, empty when it has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> parameters() {
        Object parameters = node().get(PARAMETERS);
        return parameters instanceof Map ? (Map<String, Object>) parameters : Map.of();
    }

    /** Makes {@link #send} use this named output when the node's outputs are named. */
    public void setDefaultChannel(String channel) {
        this.defaultChannel = channel;
    }

    /** Sends to the node's unnamed outputs, or to the default channel of named ones. */
    public void send(Object payload) {
        Object output = output();
        if (output == null) {
            return;
        }
        if (output instanceof Map) {
            if (defaultChannel != null) {
                sendTo(defaultChannel, payload);
            }
        } else {
            sendToAll(output, payload, "");
        }
    }

    /** Sends to the node's output channel of this name; nothing when the node has no such channel. */
    public void sendTo(String channel, Object payload) {
        Object output = output();
        if (output == null) {
            return;
        }
        if (!(output instanceof Map<?, ?> channels)) {
            if (channel.equals(defaultChannel)) {
                send(payload);
            }
            return;
        }
        if (channels.containsKey(channel)) {
            sendToAll(channels.get(channel), payload, "");
        }
    }

    /** Sends to this very step again (state for long tasks), keeping the path. */
    public void checkpoint(Object payload) {
        checkpoint(payload, Duration.ZERO);
    }

    /** Sends to this very step again after {@code delay}, keeping the path. */
    public void checkpoint(Object payload, Duration delay) {
        addDelivery(pointer(), payload, delay, false, "");
    }

    /** Whether the node, or else the recipe, names error destinations. */
    public boolean hasErrorDestination() {
        return message != null && errorLinks() != null;
    }

    /**
     * Sends to the node's {@code error} destinations, or else to the recipe's, with header
     * {@link ZocaloConstants#ARROYO_ERROR} describing the failure.
     */
    public void error(Object payload, String description) {
        Object links = errorLinks();
        if (links == null) {
            throw new IllegalStateException("step " + pointer() + " has no error destination: neither the node nor the recipe names one");
        }
        sendToAll(links, payload, description);
    }

    /** Starts {@code recipe}: one delivery per {@code start} entry, with this environment. */
    public void start(Recipe recipe, Map<String, Object> environment) {
        for (List<Object> entry : recipe.start()) {
            RecipeMessage started = new RecipeMessage(environment, entry.get(1), recipe, List.of(), node(recipe, entry.get(0)));
            deliveries.addAll(deliveriesTo(started, null, ""));
        }
    }

    /** What the service has sent so far, in order. */
    public List<RecipeDelivery> deliveries() {
        return Collections.unmodifiableList(deliveries);
    }

    /** Forgets what was sent so far (the service failed before it finished). */
    public void discardDeliveries() {
        deliveries.clear();
    }

    private Object output() {
        return node().get(Recipe.OUTPUT);
    }

    private Object errorLinks() {
        Object nodeError = node().get(Recipe.ERROR);
        return nodeError != null ? nodeError : recipe().error();
    }

    private void sendToAll(Object destinations, Object payload, String error) {
        List<?> targets = destinations instanceof List<?> list ? list : List.of(destinations);
        for (Object target : targets) {
            addDelivery(node(recipe(), target), payload, null, true, error);
        }
    }

    /** {@code delay} null: the destination node's {@code transport-delay}, if any. */
    private void addDelivery(long destination, Object payload, Duration delay, boolean addPathStep, String error) {
        List<Object> path = new ArrayList<>(message.path());
        if (addPathStep) {
            path.add(message.pointer());
        }
        RecipeMessage next = new RecipeMessage(message.environment(), payload, message.recipe(), path, destination);
        deliveries.addAll(deliveriesTo(next, delay, error));
    }

    /** The queue and/or topic deliveries of a message, by its destination node. */
    private static List<RecipeDelivery> deliveriesTo(RecipeMessage message, Duration delay, String error) {
        Map<String, Object> node = message.recipe().node(message.pointer());
        Duration effective = delay != null ? delay
                : node.containsKey("transport-delay") ? seconds(node.get("transport-delay")) : Duration.ZERO;
        String exchange = node.get("exchange") == null ? null : PythonValues.str(node.get("exchange"));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ZocaloConstants.WORKFLOWS_RECIPE, true);
        if (!error.isEmpty()) {
            headers.put(ZocaloConstants.ARROYO_ERROR, error);
        }
        List<RecipeDelivery> result = new ArrayList<>(2);
        if (PythonValues.truthy(node.get("queue"))) {
            result.add(new RecipeDelivery(RecipeDelivery.Kind.QUEUE, PythonValues.str(node.get("queue")), exchange, effective,
                    headers, message));
        }
        if (PythonValues.truthy(node.get("topic"))) {
            result.add(new RecipeDelivery(RecipeDelivery.Kind.TOPIC, PythonValues.str(node.get("topic")), exchange, effective,
                    headers, message));
        }
        return result;
    }

    private static long node(Recipe recipe, Object destination) {
        if (!PythonValues.isInt(destination)) {
            throw new RecipeException("TypeError", "a recipe link names node numbers, not " + PythonValues.repr(destination));
        }
        long number = destination instanceof Boolean b ? (b ? 1 : 0) : ((Number) destination).longValue();
        recipe.node(number);
        return number;
    }

    private static Duration seconds(Object delay) {
        if (!(delay instanceof Number) || delay instanceof Double d && !Double.isFinite(d)) {
            throw new RecipeException("TypeError", "transport-delay must be a number of seconds, not " + PythonValues.repr(delay));
        }
        long millis = new BigDecimal(delay.toString()).movePointRight(3).longValue();
        return Duration.ofMillis(Math.max(0, millis));
    }

    private RecipeMessage requireRecipe() {
        if (message == null) {
            throw new IllegalStateException("this message carries no recipe (header " + ZocaloConstants.WORKFLOWS_RECIPE
                    + " was not set)");
        }
        return message;
    }
}
