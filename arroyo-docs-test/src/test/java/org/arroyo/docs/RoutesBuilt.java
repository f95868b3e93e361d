package org.arroyo.docs;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes validated without running: built in a context that starts without starting them. */
final class RoutesBuilt {

    private RoutesBuilt() {
    }

    /** Adds the routes to the context, which starts without starting them: every route is built, every endpoint resolved. */
    static void assertBuilt(CamelContext context, RoutesBuilder... routes) throws Exception {
        for (RoutesBuilder builder : routes) {
            context.addRoutes(builder);
        }
        context.setAutoStartup(false);
        context.start();
        assertThat(context.getRoutes()).isNotEmpty();
        context.getRoutes().forEach(route -> assertThat(context.getRouteController().getRouteStatus(route.getRouteId()))
                .as(route.getRouteId()).isNotEqualTo(ServiceStatus.Started));
    }
}
