package org.arroyo.camel.operator;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The publisher URIs of one pipeline, changeable while messages flow (arroyopy's
 * {@code add_publisher} / {@code remove_publisher}), from Java or through JMX. The pipeline's
 * recipient list reads the current set for every message. As a service of the CamelContext it
 * is registered in JMX as {@code org.apache.camel:context=...,type=arroyo,name="PIPELINE-publishers"}.
 */
@ManagedResource(description = "Publishers of an Arroyo pipeline")
public class Publishers extends ServiceSupport implements CamelContextAware {

    private final String pipeline;
    private final CopyOnWriteArrayList<String> uris = new CopyOnWriteArrayList<>();
    private CamelContext camelContext;
    private ObjectName objectName;

    public Publishers(String pipeline, Collection<String> initial) {
        this.pipeline = pipeline;
        initial.forEach(this::addPublisher);
    }

    @ManagedAttribute(description = "The pipeline these publishers serve")
    public String getPipeline() {
        return pipeline;
    }

    @ManagedAttribute(description = "The publisher endpoint URIs, in order")
    public List<String> getPublishers() {
        return List.copyOf(uris);
    }

    /** Adds a publisher; adding one already there changes nothing. */
    @ManagedOperation(description = "Add a publisher endpoint URI")
    public void addPublisher(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a publisher needs an endpoint URI");
        }
        uris.addIfAbsent(uri.strip());
    }

    /** Removes a publisher; returns whether it was there. */
    @ManagedOperation(description = "Remove a publisher endpoint URI")
    public boolean removePublisher(String uri) {
        return uris.remove(uri == null ? null : uri.strip());
    }

    /** The recipient list expression's value: the current URIs. */
    public List<String> recipients() {
        return uris;
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
    protected void doStart() throws Exception {
        if (camelContext.getManagementStrategy().getManagementAgent() != null) {
            objectName = new ObjectName("org.apache.camel:context=" + ObjectName.quote(camelContext.getManagementName())
                    + ",type=arroyo,name=" + ObjectName.quote(pipeline + "-publishers"));
            camelContext.getManagementStrategy().getManagementAgent().register(this, objectName);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (objectName != null) {
            camelContext.getManagementStrategy().getManagementAgent().unregister(objectName);
            objectName = null;
        }
    }

    @Override
    public String toString() {
        return "publishers of " + pipeline + " " + uris;
    }
}
