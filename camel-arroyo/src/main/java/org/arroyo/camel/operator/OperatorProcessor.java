package org.arroyo.camel.operator;

import java.util.List;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.convert.ArroyoConverters;
import org.arroyo.camel.message.ArroyoMessage;

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

    @Override
    public String toString() {
        return "operator[" + operator.getClass().getSimpleName() + "]";
    }
}
