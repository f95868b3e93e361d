package org.arroyo.camel.broker;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;

/** Runs a {@link PublishStep} around each send of the broker's own producer. */
final class PublishStepProducer extends DefaultAsyncProducer {

    private final AsyncProducer producer;
    private final PublishStep step;

    PublishStepProducer(ArroyoDeliveryEndpoint endpoint, AsyncProducer producer, PublishStep step) {
        super(endpoint);
        this.producer = producer;
        this.step = step;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Runnable undo;
        try {
            undo = step.prepare(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return producer.process(exchange, doneSync -> {
            undo.run();
            callback.done(doneSync);
        });
    }

    @Override
    public boolean isSingleton() {
        return producer.isSingleton();
    }

    @Override
    protected void doBuild() throws Exception {
        CamelContextAware.trySetCamelContext(producer, getEndpoint().getCamelContext());
        ServiceHelper.buildService(producer);
    }

    @Override
    protected void doInit() throws Exception {
        ServiceHelper.initService(producer);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
    }

    @Override
    protected void doShutdown() throws Exception {
        ServiceHelper.stopAndShutdownService(producer);
    }
}
