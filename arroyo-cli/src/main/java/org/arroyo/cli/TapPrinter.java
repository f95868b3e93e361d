package org.arroyo.cli;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.RunId;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.internal.Values;

/**
 * Prints one line per message: {@code start run=R}, {@code event run=R frame=F array=uint16[16,16] mean=2.5 ...}
 * (the event's other metadata fields, shortened), {@code stop  run=R}, or {@code undecodable: why}; or, in JSON, the
 * line {@code arroyo decode} prints, and {@code {"undecodable": why}}. The run comes from the event itself or from the
 * run's start; run and frame are read from the field names the Arroyo senders use. After {@code count} lines (when
 * given) it prints no more and runs {@code done}.
 */
final class TapPrinter implements Processor {

    static final List<String> FRAME_FIELDS = List.of("frame_number", "frame", "Frame Number", "image_number", "index");
    /** The fields an event's line shows beside run and frame, and how long each value may be. */
    private static final int FIELDS_SHOWN = 12;
    private static final int VALUE_LENGTH = 40;
    private static final List<String> SHOWN_FIRST = Stream.concat(RunId.FIELDS.stream(), FRAME_FIELDS.stream()).toList();

    private final PrintWriter out;
    private final Integer count;
    private final boolean json;
    private final Runnable done;
    private String run = "?";
    private int printed;

    TapPrinter(PrintWriter out, Integer count, boolean json, Runnable done) {
        this.out = out;
        this.count = count;
        this.json = json;
        this.done = done;
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        ArroyoMessage message = exchange.getMessage().getMandatoryBody(ArroyoMessage.class);
        print(json ? MessageJson.line(message) : line(message));
    }

    /** For the route's error handler: a message that did not decode. */
    synchronized void undecodable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        print(json ? MessageJson.undecodableLine(e.getMessage()) : "undecodable: " + e.getMessage());
    }

    private String line(ArroyoMessage message) {
        if (message instanceof Start start) {
            run = RunId.in(start.data()).orElse("?");
            return "start run=" + run;
        }
        if (message instanceof Event event) {
            String line = "event run=" + RunId.in(event.metadata()).orElse(run) + " frame=" + field(event.metadata(), FRAME_FIELDS, "?");
            if (event.array().isPresent()) {
                line += " array=" + describe(event.array().get());
            } else if (event.hasPayload()) {
                line += " payload=" + event.payload().remaining() + "B";
            }
            List<String> fields = Values.shortFields(event.metadata(), SHOWN_FIRST, FIELDS_SHOWN, VALUE_LENGTH);
            return fields.isEmpty() ? line : line + " " + String.join(" ", fields);
        }
        return "stop  run=" + run;
    }

    private static String describe(NdArray array) {
        String shape = Arrays.stream(array.shape()).mapToObj(Long::toString).collect(Collectors.joining(","));
        return array.dtype().numpyName() + "[" + shape + "]" + (array.byteOrder() == ByteOrder.BIG_ENDIAN ? " big-endian" : "");
    }

    private static String field(Map<String, Object> fields, List<String> names, String absent) {
        return names.stream().filter(fields::containsKey).findFirst().map(name -> String.valueOf(fields.get(name))).orElse(absent);
    }

    private void print(String line) {
        if (count != null && printed >= count) {
            return;
        }
        out.println(line);
        out.flush();
        printed++;
        if (count != null && printed == count) {
            done.run();
        }
    }
}
