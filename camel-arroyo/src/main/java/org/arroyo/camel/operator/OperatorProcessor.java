package org.arroyo.camel.operator;

import java.util.List;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.TypeConversionException;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.ArroyoDecodeException;
import org.arroyo.camel.convert.ArroyoConverters;
import org.arroyo.camel.message.ArroyoMessage;
import org.slf4j.Logger;

/**
 * Runs an {@link Operator} as a Camel route step. The body is converted to an {@link ArroyoMessage}
 * (so a listener's bytes work directly); the operator's output replaces it: one message as the
 * body, several as a {@code List<ArroyoMessage>} (the pipeline splits it), none ends the exchange
 * here. The {@value ArroyoConstants#MESSAGE_TYPE} header follows a single output.
 */
public class OperatorProcessor implements Processor {

    private final Operator operator;

    public OperatorProcessor(Operator operator) {
        this.operator = Objects.requireNonNull(operator, "operator");
    }

    public Operator getOperator() {
        return operator;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        List<? extends ArroyoMessage> output = body instanceof Batch batch ? operator.onBatch(batch)
                : operator.apply(input(exchange, body));
        if (output == null || output.isEmpty()) {
            exchange.setRouteStop(true);
        } else if (output.size() == 1) {
            message.setBody(output.get(0));
            message.setHeader(ArroyoConstants.MESSAGE_TYPE, output.get(0).type().wireName());
        } else {
            message.setBody(new Outputs(List.copyOf(output)));
        }
    }

    /** The body as a message; a listener's bytes, the usual body, go to their converter without a registry lookup. */
    static ArroyoMessage input(Exchange exchange, Object body) throws InvalidPayloadException {
        if (body instanceof ArroyoMessage message) {
            return message;
        }
        return body instanceof byte[] bytes ? ArroyoConverters.toMessage(bytes, exchange)
                : exchange.getMessage().getMandatoryBody(ArroyoMessage.class);
    }

    /**
     * The listener's message, decoded once for the steps that look at it before the operator and made the body (which
     * keeps its bytes to publish it unchanged), or null when it does not decode: such bytes stay as they are, for the
     * pipeline's own steps to judge.
     */
    static ArroyoMessage peek(Exchange exchange, String pipeline, Logger log) {
        ArroyoMessage message;
        try {
            message = input(exchange, exchange.getMessage().getBody());
        } catch (ArroyoDecodeException | InvalidPayloadException | TypeConversionException e) {
            log.debug("{}: a message that does not decode, left to the pipeline: {}", pipeline, e.getMessage());
            return null;
        }
        exchange.getMessage().setBody(message);
        return message;
    }

    @Override
    public String toString() {
        return "operator[" + operator.getClass().getSimpleName() + "]";
    }
}
