package org.arroyo.camel.view;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * Hands each message to the view and returns at once: no encoding, no I/O and no exception on the route's thread. A
 * body that is no Arroyo message is counted and named on the page.
 */
class ViewProducer extends DefaultProducer {

    ViewProducer(ViewEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ViewEndpoint getEndpoint() {
        return (ViewEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        ArroyoMessage message = body instanceof ArroyoMessage arroyo ? arroyo
                : exchange.getContext().getTypeConverter().tryConvertTo(ArroyoMessage.class, exchange, body);
        if (message == null) {
            getEndpoint().stream().skip(body == null ? "an empty body" : "a " + body.getClass().getSimpleName() + " body");
        } else {
            getEndpoint().stream().record(message);
        }
    }
}
