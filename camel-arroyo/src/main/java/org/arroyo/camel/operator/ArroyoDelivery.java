package org.arroyo.camel.operator;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.util.StringHelper;

/**
 * Arroyo's delivery defaults (byte serializers, commit or acknowledge after publish, dead letters)
 * belong to a pipeline's own endpoints, never to a whole Camel component. A module that provides
 * them (arroyo-brokers, for kafka, spring-redis and spring-rabbitmq) registers the {@code arroyo:}
 * component; a pipeline reaches its listener and publishers through it, so that
 * {@code kafka:raw} in a pipeline is {@code arroyo:kafka:raw}, while another route's {@code kafka:raw}
 * keeps Camel's stock behaviour. A plain route opts in by writing {@code arroyo:} before the URI.
 */
public final class ArroyoDelivery {

    /** The scheme of the component that applies the defaults. */
    public static final String SCHEME = "arroyo";

    /** What the {@code arroyo:} component tells a pipeline. */
    public interface Defaults {

        /** Whether endpoints of this scheme get Arroyo's delivery defaults. */
        boolean appliesTo(String scheme);
    }

    /** An endpoint with the defaults whose consumer dead-letters a message that keeps failing by itself. */
    public interface SelfDeadLettering {

        /** Whether this endpoint's consumer dead-letters by itself (e.g. a RabbitMQ listener with a dead-letter exchange). */
        boolean deadLettersItself();
    }

    private ArroyoDelivery() {
    }

    /**
     * Whether a pipeline's listener of this URI dead-letters a message that keeps failing by itself, so that the
     * pipeline leaves the failure to it instead of sending the message to its own dead letters.
     */
    public static boolean deadLettersItself(CamelContext context, String uri) {
        String delivered = pipelineUri(context, uri);
        return delivered.startsWith(SCHEME + ":")
                && context.getEndpoint(delivered) instanceof SelfDeadLettering listener && listener.deadLettersItself();
    }

    /** The URI a pipeline uses for this listener or publisher URI: the URI itself, or it behind {@code arroyo:}. */
    public static String pipelineUri(CamelContext context, String uri) {
        String resolved = context.resolvePropertyPlaceholders(uri);
        String scheme = StringHelper.before(resolved, ":");
        if (scheme == null || SCHEME.equals(scheme)) {
            return uri;
        }
        Component delivery = context.getComponent(SCHEME);
        return delivery instanceof Defaults defaults && defaults.appliesTo(scheme) ? SCHEME + ":" + resolved : uri;
    }

    /** The endpoint a pipeline uses for this listener or publisher URI. */
    public static Endpoint pipelineEndpoint(CamelContext context, String uri) {
        return context.getEndpoint(pipelineUri(context, uri));
    }
}
