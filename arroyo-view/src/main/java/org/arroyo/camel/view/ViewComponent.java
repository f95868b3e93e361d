package org.arroyo.camel.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The arroyo-view component: each endpoint serves a live page of the messages sent to it. Views on one host and port
 * share one router, so the vertx-websocket server on that port serves all their pages and websockets.
 */
@Component("arroyo-view")
public class ViewComponent extends DefaultComponent {

    private final Map<String, Router> routers = new ConcurrentHashMap<>();

    @Metadata(defaultValue = "127.0.0.1", description = "The address of the views that name none")
    private String host = "127.0.0.1";
    @Metadata(defaultValue = "8070", description = "The port of the views that name none")
    private int port = 8070;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ViewConfiguration configuration = new ViewConfiguration();
        configuration.setName(remaining);
        configuration.setHost(host);
        configuration.setPort(port);
        ViewEndpoint endpoint = new ViewEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        configuration.validate();
        return endpoint;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /** The router of the server on this host and port. */
    Router router(Vertx vertx, String host, int port) {
        return routers.computeIfAbsent(host + ":" + port, key -> Router.router(vertx));
    }

    @Override
    protected void doStop() throws Exception {
        routers.clear();
        super.doStop();
    }
}
