package org.arroyo.camel.dataformat;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.codec.JsonImageAssembler;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * A route step for ArroyoXPS / LabVIEW streams, where an event's JSON header and its image arrive as
 * two separate messages: the header's exchange stops here, and the image's exchange goes on carrying
 * the whole {@code Event} (metadata from the header, array typed from the run's start). Start and stop
 * messages go on as they are. One instance per stream: the pairing is stateful and in arrival order.
 */
public class JsonImagePairing implements Processor {

    private final JsonImageAssembler assembler = new JsonImageAssembler();

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        byte[] frame = exchange.getMessage().getMandatoryBody(byte[].class);
        Optional<ArroyoMessage> message = assembler.accept(ByteBuffer.wrap(frame));
        if (message.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.getMessage().setBody(message.get());
        exchange.getMessage().setHeader(ArroyoConstants.MESSAGE_TYPE, message.get().type().wireName());
    }
}
