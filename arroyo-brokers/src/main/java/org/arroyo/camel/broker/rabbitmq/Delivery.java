package org.arroyo.camel.broker.rabbitmq;

/**
 * One message a listener received, settled only when its route completed and the broker confirmed everything the
 * route published for it: then acknowledged if all went well, else rejected and put back in its queue (the broker
 * delivers it again). It is settled on the channel it came on ({@link Acknowledgements}).
 */
final class Delivery {

    /** The exchange property holding the delivery, for the publishers of its route. */
    static final String PROPERTY = "ArroyoRabbitMqDelivery";

    private final Acknowledgements acknowledgements;
    private final Object tag;
    /** The route, and each publish not confirmed yet. */
    private int outstanding = 1;
    private boolean failed;

    Delivery(Acknowledgements acknowledgements, long tag) {
        this.acknowledgements = acknowledgements;
        this.tag = acknowledgements.run(tag);
    }

    Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** Counts a publish whose confirm the acknowledgement waits for; false when the delivery is already settled. */
    synchronized boolean expectConfirm() {
        if (outstanding == 0) {
            return false;
        }
        outstanding++;
        return true;
    }

    /**
     * The route, or a publish it counted, is done: well, or not (the route failed, the broker refused the message or
     * lost it with its channel). The last one settles the delivery, sent with the next flush of its
     * {@link #acknowledgements()}.
     */
    void done(boolean ok) {
        boolean acknowledge;
        synchronized (this) {
            failed |= !ok;
            if (--outstanding > 0) {
                return;
            }
            acknowledge = !failed;
        }
        acknowledgements.settle(tag, acknowledge);
    }
}
