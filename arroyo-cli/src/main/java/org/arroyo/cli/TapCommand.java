package org.arroyo.cli;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.model.ProcessorDefinition;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.dataformat.ArroyoDataFormat;
import org.arroyo.camel.dataformat.JsonImagePairing;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.view.ViewEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tap", mixinStandardHelpOptions = true,
         description = "Print the messages arriving at any listener, one line each: type, run, frame, array dtype and shape, "
                       + "the event's other fields; or, with --json, one JSON object each. Stops after --count messages, or on Ctrl-C.")
final class TapCommand extends CamelCommand {

    @Parameters(paramLabel = "URI", description = "A Camel consumer endpoint URI, e.g. zeromq:SUB:tcp://detector:5555.")
    String uri;

    @Option(names = { "-f", "--format" }, defaultValue = "msgpack",
            description = "Wire convention: msgpack, multipart, json, json+raw or raw (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = { "-n", "--count" }, paramLabel = "N", description = "Stop after N messages.")
    Integer count;

    @Option(names = "--view", paramLabel = "VIEW_URI",
            description = "Also show the stream live on a web page, e.g. --view arroyo-view:tap (http://127.0.0.1:8070/arroyo-view/tap/).")
    String view;

    @Option(names = "--json", description = "One JSON object per message, as arroyo decode prints them.")
    boolean json;

    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, not " + count);
        }
        Convention convention = Convention.fromName(format);
        if (convention == Convention.LHHTTT) {
            throw new IllegalArgumentException("tap shows Arroyo messages: msgpack, multipart, json, json+raw or raw, not lhhttt");
        }
        Main main = options.main();
        TapPrinter printer = new TapPrinter(spec.commandLine().getOut(), count, json, main::completed);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(printer::undecodable);
                // tap listens as a pipeline does: with Arroyo's delivery defaults where a broker has them
                ProcessorDefinition<?> route = from(ArroyoDelivery.pipelineUri(getContext(), uri)).routeId("tap");
                route = convention == Convention.JSON_RAW ? route.process(new JsonImagePairing())
                        : route.unmarshal(new ArroyoDataFormat(WireFormat.valueOf(convention.name())));
                if (view != null) {
                    spec.commandLine().getErr().println("watch it live at " + getContext().getEndpoint(view, ViewEndpoint.class).pageUrl());
                    route.to(view);
                }
                route.process(printer);
            }
        });
        main.configure().withRoutesIncludePattern("false");
        try {
            return runUntilStopped(main);
        } catch (Exception e) {
            throw new IllegalArgumentException(uri + ": " + RouteProblem.rootMessage(e), e);
        }
    }
}
