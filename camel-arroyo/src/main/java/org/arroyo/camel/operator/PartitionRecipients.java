package org.arroyo.camel.operator;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;

/** The recipient list of a partitioned pipeline: one output per event, every output for run boundaries. */
public class PartitionRecipients extends ExpressionAdapter {

    private final Partitioner partitioner;
    private final List<String> outputs;

    public PartitionRecipients(Partitioner partitioner, List<String> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("partitioning needs at least one output");
        }
        this.partitioner = partitioner;
        this.outputs = List.copyOf(outputs);
    }

    @Override
    public Object evaluate(Exchange exchange) {
        ArroyoMessage message = exchange.getMessage().getBody(ArroyoMessage.class);
        if (message instanceof Event event) {
            return outputs.get((int) Math.floorMod(partitioner.choose(event), (long) outputs.size()));
        }
        return outputs;
    }

    @Override
    public String toString() {
        return "partition" + outputs;
    }
}
