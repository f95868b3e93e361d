package org.arroyo.cli;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.operator.Publishers;

/**
 * Resolves every pipeline's publisher endpoints once the routes are configured, before anything
 * starts: a publisher is chosen per message (a recipient list), so Camel itself would find an unknown
 * one only when the first message is published.
 */
final class PublisherCheck extends MainListenerSupport {

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        for (Publishers publishers : context.getRegistry().findByType(Publishers.class)) {
            for (String uri : publishers.getPublishers()) {
                resolve(context, publishers.getPipeline(), uri);
            }
        }
    }

    private static void resolve(CamelContext context, String pipeline, String uri) {
        try {
            ArroyoDelivery.pipelineEndpoint(context, uri);
        } catch (RuntimeException e) {
            // the deepest message says it all (Camel's wrappers repeat the URI)
            throw new IllegalArgumentException("pipeline " + pipeline + ": publisher " + uri + ": " + RouteProblem.rootMessage(e));
        }
    }
}
