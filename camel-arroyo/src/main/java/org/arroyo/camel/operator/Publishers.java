package org.arroyo.camel.operator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.management.ObjectName;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.processor.SendProcessor;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The publishers of one pipeline, changeable while messages flow (arroyopy's {@code add_publisher} /
 * {@code remove_publisher}), from Java or through JMX. As a service of the CamelContext it is registered in JMX as
 * {@code org.apache.camel:context=...,type=arroyo,name="PIPELINE-publishers"}.
 *
 * <p>Each publisher's endpoint is resolved and its producer started once: when the service starts (with the
 * CamelContext, before the routes) or when the publisher is added, so a bad URI fails there and then, and a
 * publisher that binds is bound before the first message. The pipeline's {@link PublishProcessor} sends through
 * them as Camel's {@code to(uri)} does.
 */
@ManagedResource(description = "Publishers of an Arroyo pipeline")
public class Publishers extends ServiceSupport implements CamelContextAware {

    /** A publisher: its URI and what sends to its endpoint. */
    record Publisher(String uri, AsyncProcessor send) {
    }

    private final String pipeline;
    /** The URIs to start with, and the URIs a stopped service restarts with. */
    private final List<String> stopped = new ArrayList<>();
    /** Replaced, never changed, so that a message in flight keeps the set it started with. */
    private volatile List<Publisher> running = List.of();
    private CamelContext camelContext;
    private ObjectName objectName;

    public Publishers(String pipeline, Collection<String> uris) {
        this.pipeline = pipeline;
        uris.forEach(this::addPublisher);
    }

    @ManagedAttribute(description = "The pipeline these publishers serve")
    public String getPipeline() {
        return pipeline;
    }

    @ManagedAttribute(description = "The publisher endpoint URIs, in order")
    public synchronized List<String> getPublishers() {
        return isStarted() ? running.stream().map(Publisher::uri).toList() : List.copyOf(stopped);
    }

    /**
     * Adds a publisher; adding one already there changes nothing. While the service runs, the endpoint is resolved
     * and its producer started here, so a bad URI fails this call.
     */
    @ManagedOperation(description = "Add a publisher endpoint URI")
    public synchronized void addPublisher(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a publisher needs an endpoint URI");
        }
        String stripped = uri.strip();
        if (getPublishers().contains(stripped)) {
            return;
        }
        if (isStarted()) {
            List<Publisher> more = new ArrayList<>(running);
            more.add(started(stripped));
            running = List.copyOf(more);
        } else {
            stopped.add(stripped);
        }
    }

    /** Removes a publisher; returns whether it was there. A send already under way to it completes. */
    @ManagedOperation(description = "Remove a publisher endpoint URI")
    public synchronized boolean removePublisher(String uri) {
        String stripped = uri == null ? null : uri.strip();
        if (!isStarted()) {
            return stopped.remove(stripped);
        }
        Publisher removed = running.stream().filter(publisher -> publisher.uri().equals(stripped)).findFirst()
                .orElse(null);
        if (removed == null) {
            return false;
        }
        running = running.stream().filter(publisher -> publisher != removed).toList();
        ServiceHelper.stopService(removed.send());
        return true;
    }

    /** The current publishers, in order. */
    List<Publisher> current() {
        return running;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        List<Publisher> publishers = new ArrayList<>();
        for (String uri : stopped) {
            publishers.add(started(uri));
        }
        running = List.copyOf(publishers);
        if (camelContext.getManagementStrategy().getManagementAgent() != null) {
            objectName = new ObjectName("org.apache.camel:context=" + ObjectName.quote(camelContext.getManagementName())
                                        + ",type=arroyo,name=" + ObjectName.quote(pipeline + "-publishers"));
            camelContext.getManagementStrategy().getManagementAgent().register(this, objectName);
        }
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (objectName != null) {
            camelContext.getManagementStrategy().getManagementAgent().unregister(objectName);
            objectName = null;
        }
        stopped.clear();
        running.forEach(publisher -> stopped.add(publisher.uri()));
        ServiceHelper.stopService(running.stream().map(Publisher::send).toList());
        running = List.of();
    }

    private Publisher started(String uri) {
        SendProcessor send = new SendProcessor(ArroyoDelivery.pipelineEndpoint(camelContext, uri));
        ServiceHelper.startService(send);
        return new Publisher(uri, send);
    }

    @Override
    public String toString() {
        return "publishers of " + pipeline + " " + getPublishers();
    }
}
