package org.arroyo.camel.broker.redis;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.redis.RedisConstants;
import org.arroyo.camel.broker.HeaderOverlay;
import org.arroyo.camel.broker.PublishStep;

/**
 * camel-spring-redis PUBLISH sends header {@code CamelRedis.Message} to header
 * {@code CamelRedis.Channel}. For the send, this step sets the message to the body as bytes (an
 * Arroyo message as msgpack) and the channel to the publisher URI's {@code channels} (so a channel
 * header left by a Redis listener earlier in the route does not send the message back there).
 * Without a channel in the URI the header decides; with a null body the message header does.
 */
final class RedisPublishStep implements PublishStep {

    private final String channel;

    RedisPublishStep(String channel) {
        this.channel = channel;
    }

    @Override
    public Runnable prepare(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        HeaderOverlay overlay = new HeaderOverlay(message);
        if (channel != null) {
            overlay.set(RedisConstants.CHANNEL, channel);
        } else if (message.getHeader(RedisConstants.CHANNEL) == null) {
            throw new IllegalArgumentException("spring-redis PUBLISH needs a channel: give the publisher URI channels=NAME"
                    + " or set header " + RedisConstants.CHANNEL);
        }
        Object body = message.getBody();
        if (body != null) {
            overlay.set(RedisConstants.MESSAGE,
                    exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body));
        } else if (message.getHeader(RedisConstants.MESSAGE) == null) {
            throw new IllegalArgumentException("spring-redis PUBLISH has nothing to send: the body is null and header "
                    + RedisConstants.MESSAGE + " is not set");
        }
        return overlay::restore;
    }
}
