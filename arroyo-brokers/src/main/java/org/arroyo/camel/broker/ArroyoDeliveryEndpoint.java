package org.arroyo.camel.broker;

import org.apache.camel.AsyncProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.arroyo.camel.operator.ArroyoDelivery;

/**
 * A broker endpoint with Arroyo's delivery defaults: its consumers and producers are the broker
 * endpoint's, configured by {@link BrokerDefaults}, its producers running the broker's
 * {@link PublishStep} around each send.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "arroyo", title = "Arroyo delivery", syntax = "arroyo:uri",
             category = { Category.MESSAGING }, headersClass = ArroyoBrokerConstants.class)
public class ArroyoDeliveryEndpoint extends DefaultEndpoint implements ArroyoDelivery.SelfDeadLettering {

    @UriPath(description = "The broker endpoint URI, with its own options, e.g. kafka:raw?brokers=host:9092")
    @Metadata(required = true)
    private final String uri;
    private final Endpoint broker;
    private final BrokerDefaults defaults;

    ArroyoDeliveryEndpoint(String endpointUri, ArroyoDeliveryComponent component, Endpoint broker, BrokerDefaults defaults) {
        super(endpointUri, component);
        this.uri = broker.getEndpointUri();
        this.broker = broker;
        this.defaults = defaults;
    }

    /** The broker endpoint URI. */
    public String getUri() {
        return uri;
    }

    /** The broker endpoint, made for this endpoint alone. */
    public Endpoint getBroker() {
        return broker;
    }

    @Override
    public boolean deadLettersItself() {
        return defaults.deadLettersItself(broker);
    }

    @Override
    public Producer createProducer() throws Exception {
        return createAsyncProducer();
    }

    @Override
    public AsyncProducer createAsyncProducer() throws Exception {
        PublishStep step = defaults.publishStep(broker);
        AsyncProducer producer = defaults.createProducer(broker);
        return step == null ? producer : new PublishStepProducer(this, producer, step);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        return defaults.createConsumer(broker, processor);
    }

    @Override
    public boolean isRemote() {
        return broker.isRemote();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ServiceHelper.startService(broker);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(broker);
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(broker);
        super.doShutdown();
    }
}
