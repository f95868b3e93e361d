package org.arroyo.camel.view;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.handler.StaticHandler;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live web page of the messages sent to this endpoint: the run's start fields, events per second and so far, the
 * latest frame as a log-scaled image, the latest 1-D array as a plot, the stop's fields. The producer only records
 * the latest message; a scheduled task pushes a snapshot to every open page at most once per refresh interval, so a
 * fast stream loses frames from the view, never from the route.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo-view", title = "Arroyo View", syntax = "arroyo-view:name",
             producerOnly = true, category = { Category.MONITORING })
public class ViewEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ViewEndpoint.class);
    private static final String PAGE = "org/arroyo/camel/view/page";

    @UriParam
    private final ViewConfiguration configuration;

    private final StreamView stream;
    private Route page;
    private Consumer browsers;
    private AsyncProducer pushes;
    private ScheduledExecutorService refresher;

    ViewEndpoint(String uri, ViewComponent component, ViewConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        this.stream = new StreamView(configuration);
    }

    public ViewConfiguration getConfiguration() {
        return configuration;
    }

    /** The address of the page. */
    public String pageUrl() {
        String host = configuration.getHost().contains(":") ? "[" + configuration.getHost() + "]" : configuration.getHost();
        return "http://" + host + ":" + configuration.getPort() + path();
    }

    private String path() {
        return "/arroyo-view/" + configuration.getName() + "/";
    }

    StreamView stream() {
        return stream;
    }

    @Override
    public Producer createProducer() {
        return new ViewProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("arroyo-view shows what a route sends to it: use it in to(...), not from(...)");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        VertxWebsocketComponent websocket = getCamelContext().getComponent("vertx-websocket", VertxWebsocketComponent.class);
        var router = ((ViewComponent) getComponent()).router(websocket.getVertx(), configuration.getHost(), configuration.getPort());
        page = router.route(path() + "*").handler(StaticHandler.create(PAGE));
        VertxWebsocketEndpoint updates = getCamelContext().getEndpoint("vertx-websocket:" + configuration.getHost() + ":"
                + configuration.getPort() + path() + "updates?fireWebSocketConnectionEvents=true&sendToAll=true",
                VertxWebsocketEndpoint.class);
        updates.getConfiguration().setRouter(router);
        browsers = updates.createConsumer(this::onBrowserEvent);
        // a browser that closes its tab ends its connection: nothing the route or its log need to hear about
        ((DefaultConsumer) browsers).setExceptionHandler(new LoggingExceptionHandler(getCamelContext(), getClass(), LoggingLevel.DEBUG));
        pushes = updates.createAsyncProducer();
        ServiceHelper.startService(browsers, pushes);
        refresher = getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "arroyo-view-" + configuration.getName());
        refresher.scheduleWithFixedDelay(this::refresh, configuration.getRefreshInterval(),
                configuration.getRefreshInterval(), TimeUnit.MILLISECONDS);
        if (isLoopback(configuration.getHost())) {
            LOG.info("arroyo-view {}: open {}", configuration.getName(), pageUrl());
        } else {
            LOG.warn("arroyo-view {}: listening on {}, not on a loopback address: anyone who reaches this machine can watch the stream at {}",
                    configuration.getName(), configuration.getHost(), pageUrl());
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (refresher != null) {
            getCamelContext().getExecutorServiceManager().shutdown(refresher);
            refresher = null;
        }
        ServiceHelper.stopService(pushes, browsers);
        if (page != null) {
            page.remove();
            page = null;
        }
        super.doStop();
    }

    /** A browser that opens the page gets the current state at the next refresh. */
    private void onBrowserEvent(Exchange exchange) {
        if (exchange.getMessage().getHeader(VertxWebsocketConstants.EVENT) == VertxWebsocketEvent.OPEN) {
            stream.touch();
        }
    }

    private void refresh() {
        String update;
        try {
            update = stream.takeUpdate();
        } catch (RuntimeException e) {
            // a message the page cannot show must not stop the refreshes of the next ones
            LOG.warn("arroyo-view {}: could not show the latest messages", configuration.getName(), e);
            stream.note("could not show the latest message: " + e);
            return;
        }
        if (update == null) {
            return;
        }
        Exchange exchange = createExchange();
        exchange.getMessage().setBody(update);
        pushes.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                LOG.debug("arroyo-view {}: a browser missed an update: {}", configuration.getName(), exchange.getException().toString());
            }
        });
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
