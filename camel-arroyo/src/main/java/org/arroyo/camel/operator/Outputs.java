package org.arroyo.camel.operator;

import java.util.List;

import org.arroyo.camel.message.ArroyoMessage;

/**
 * The body after an operator produced several messages; the pipeline publishes each, in order.
 * (A plain {@code List} body, such as multipart frames or a batch, is published as one message.)
 */
public record Outputs(List<ArroyoMessage> messages) {

    public Outputs {
        messages = List.copyOf(messages);
    }
}
