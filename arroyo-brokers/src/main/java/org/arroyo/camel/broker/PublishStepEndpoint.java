package org.arroyo.camel.broker;

import java.util.Map;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.ShutdownableService;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A broker endpoint whose producers run a {@link PublishStep} around each send; consumers and
 * everything else are the broker endpoint's own. Unlike Camel's {@code interceptSendToEndpoint}
 * proxies it leaves the endpoint open to a route's own send interceptors.
 */
public final class PublishStepEndpoint implements DelegateEndpoint, ShutdownableService {

    private final Endpoint endpoint;
    private final PublishStep step;

    public PublishStepEndpoint(Endpoint endpoint, PublishStep step) {
        this.endpoint = endpoint;
        this.step = step;
    }

    @Override
    public Endpoint getEndpoint() {
        return endpoint;
    }

    @Override
    public Producer createProducer() throws Exception {
        return createAsyncProducer();
    }

    @Override
    public AsyncProducer createAsyncProducer() throws Exception {
        return new PublishStepProducer(this, endpoint.createAsyncProducer(), step);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        return endpoint.createConsumer(processor);
    }

    @Override
    public PollingConsumer createPollingConsumer() throws Exception {
        return endpoint.createPollingConsumer();
    }

    @Override
    public String getEndpointUri() {
        return endpoint.getEndpointUri();
    }

    @Override
    public String getEndpointBaseUri() {
        return endpoint.getEndpointBaseUri();
    }

    @Override
    public String getEndpointKey() {
        return endpoint.getEndpointKey();
    }

    @Override
    public ExchangePattern getExchangePattern() {
        return endpoint.getExchangePattern();
    }

    @Override
    public Exchange createExchange() {
        return endpoint.createExchange();
    }

    @Override
    public Exchange createExchange(ExchangePattern pattern) {
        return endpoint.createExchange(pattern);
    }

    @Override
    public void configureExchange(Exchange exchange) {
        endpoint.configureExchange(exchange);
    }

    @Override
    public Component getComponent() {
        return endpoint.getComponent();
    }

    @Override
    public void setComponent(Component component) {
        endpoint.setComponent(component);
    }

    @Override
    public CamelContext getCamelContext() {
        return endpoint.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext context) {
        endpoint.setCamelContext(context);
    }

    @Override
    public void configureProperties(Map<String, Object> options) {
        endpoint.configureProperties(options);
    }

    @Override
    public boolean isLenientProperties() {
        return endpoint.isLenientProperties();
    }

    @Override
    public boolean isSingleton() {
        return endpoint.isSingleton();
    }

    @Override
    public boolean isSingletonProducer() {
        return endpoint.isSingletonProducer();
    }

    @Override
    public boolean isRemote() {
        return endpoint.isRemote();
    }

    @Override
    public void start() {
        ServiceHelper.startService(endpoint);
    }

    @Override
    public void stop() {
        ServiceHelper.stopService(endpoint);
    }

    @Override
    public void shutdown() {
        ServiceHelper.stopAndShutdownService(endpoint);
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
