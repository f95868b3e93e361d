package org.arroyo.camel.operator;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.arroyo.camel.dataformat.WireMessage;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/**
 * The recipient list of a partitioned pipeline: one output per event, every output for run boundaries. A body may be
 * a message or a {@link WireMessage} (the recipient list's {@code onPrepare} then sends its body). The outputs'
 * endpoints are resolved on the first message, not parsed again for every one.
 */
public class PartitionRecipients extends ExpressionAdapter {

    private final Partitioner partitioner;
    private final List<String> outputs;
    private volatile List<Endpoint> endpoints;

    public PartitionRecipients(Partitioner partitioner, List<String> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("partitioning needs at least one output");
        }
        this.partitioner = partitioner;
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public Object evaluate(Exchange exchange) {
        List<Endpoint> targets = endpoints(exchange.getContext());
        ArroyoMessage message = exchange.getMessage().getBody() instanceof WireMessage wire ? wire.message()
                : exchange.getMessage().getBody(ArroyoMessage.class);
        if (message instanceof Event event) {
            return targets.get((int) Math.floorMod(partitioner.choose(event), (long) targets.size()));
        }
        return targets;
    }

    private List<Endpoint> endpoints(CamelContext context) {
        List<Endpoint> resolved = endpoints;
        if (resolved == null) {
            // threads racing here resolve the same endpoints: the context keeps one per URI
            resolved = outputs.stream().map(uri -> ArroyoDelivery.pipelineEndpoint(context, uri)).toList();
            endpoints = resolved;
        }
        return resolved;
    }

    @Override
    public String toString() {
        return "partition" + outputs;
    }
}
