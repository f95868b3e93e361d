package org.arroyo.cli;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.camel.message.Start;

/**
 * Prints one line per message: {@code start run=R}, {@code event run=R frame=F array=uint16[16,16]},
 * {@code stop  run=R}, or {@code undecodable: why}. The run comes from the event itself or from the
 * run's start; run and frame are read from the field names the Arroyo senders use. After
 * {@code count} lines (when given) it prints no more and runs {@code done}.
 */
final class TapPrinter implements Processor {

    static final List<String> RUN_FIELDS = List.of("run_id", "run", "scan_id", "uid", "run_name", "scan_name");
    static final List<String> FRAME_FIELDS = List.of("frame_number", "frame", "Frame Number", "image_number", "index");

    private final PrintWriter out;
    private final Integer count;
    private final Runnable done;
    private String run = "?";
    private int printed;

    TapPrinter(PrintWriter out, Integer count, Runnable done) {
        this.out = out;
        this.count = count;
        this.done = done;
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        print(line(exchange.getMessage().getMandatoryBody(ArroyoMessage.class)));
    }

    /** For the route's error handler: a message that did not decode. */
    synchronized void undecodable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        print("undecodable: " + e.getMessage());
    }

    private String line(ArroyoMessage message) {
        if (message instanceof Start start) {
            run = field(start.data(), RUN_FIELDS, "?");
            return "start run=" + run;
        }
        if (message instanceof Event event) {
            String line = "event run=" + field(event.metadata(), RUN_FIELDS, run) + " frame=" + field(event.metadata(), FRAME_FIELDS, "?");
            if (event.array().isPresent()) {
                return line + " array=" + describe(event.array().get());
            }
            return event.hasPayload() ? line + " payload=" + event.payload().remaining() + "B" : line;
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
