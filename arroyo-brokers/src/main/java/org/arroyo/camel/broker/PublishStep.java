package org.arroyo.camel.broker;

import org.apache.camel.Exchange;

/**
 * What a broker's producer needs done to an exchange just before the send (e.g. put the encoded
 * body where the producer reads it), undone right after it, whatever its outcome, so the exchange
 * goes on to the next publisher as it came.
 */
@FunctionalInterface
public interface PublishStep {

    /**
     * Readies the exchange for the send.
     *
     * @return the action that undoes it once the send completed
     */
    Runnable prepare(Exchange exchange) throws Exception;
}
