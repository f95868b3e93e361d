package org.arroyo.camel.dataformat;

import org.apache.camel.Exchange;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * One message on its way out as a publisher sends it: the body in the pipeline's wire convention, and the message
 * it stands for (an ArroyoXPS event is two wire messages, its JSON header and its image).
 *
 * @param message the message
 * @param body    what is sent: {@code byte[]}, or the frames of one multipart message as a {@code List<byte[]>}
 */
public record WireMessage(ArroyoMessage message, Object body) {

    /** Makes the exchange carry the body, with the message's type in the {@value ArroyoConstants#MESSAGE_TYPE} header. */
    public void putInto(Exchange exchange) {
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, message.type().wireName());
    }

    /** What a recipient list prepares each send with: a wire message's body in place of it. */
    public static void unwrap(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof WireMessage wire) {
            wire.putInto(exchange);
        }
    }
}
