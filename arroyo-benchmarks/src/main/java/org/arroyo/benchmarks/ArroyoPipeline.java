package org.arroyo.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.dsl.ArroyoRouteBuilder;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.operator.Operator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The pipeline under test, as a user writes it: a Camel route listening on a zeromq PULL endpoint (or a broker's, as
 * docs/brokers.md writes them), turning each message into an Arroyo {@code Event} (msgpack decoding), an operator,
 * and a zeromq PUSH publisher (or the broker's) that encodes its output (an unchanged event is published as the bytes
 * it came in). With {@code --operator camel-route} it is instead Camel's own route between the same endpoints, for
 * comparison. It stops when its standard input closes.
 */
@Command(name = "arroyo-pipeline", mixinStandardHelpOptions = true,
         description = "listen zeromq:PULL (or on a broker) -> operator -> publish zeromq:PUSH (or on the broker), in Camel.")
public final class ArroyoPipeline implements Callable<Integer> {

    @Mixin
    private StageAddresses addresses;

    /** The {@code --operator} that makes the stage Camel's own route instead of a pipeline. */
    static final String CAMEL_ROUTE = "camel-route";

    @Option(names = "--send-timeout", defaultValue = "60000",
            description = "ZeroMQ publisher sendTimeout in ms: a stall downstream longer than this loses messages")
    private int sendTimeout;

    @Option(names = "--operator", defaultValue = "pass-through",
            description = "pass-through: events go on unchanged (published as the bytes they came in); "
                          + "new-message: each event is replaced by an equal new one, which is encoded again; "
                          + CAMEL_ROUTE + ": no pipeline, Camel's own route from the listener to the publisher, which decodes "
                          + "nothing: what Camel itself costs")
    private String operator;

    /** An operator that changes nothing: the pipeline's own cost is what is measured. */
    static final class PassThrough implements Operator {
    }

    /** An operator that makes a new event of the same content, as any operator that changes metadata does. */
    static final class NewMessage implements Operator {
        @Override
        public List<? extends ArroyoMessage> onEvent(Event event) {
            return List.of(event.withMetadata(event.metadata()));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ArroyoPipeline()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Stage.runUntilStdinCloses("arroyo-pipeline", this::start);
        return 0;
    }

    private Operator chosenOperator() {
        return switch (operator) {
            case "pass-through" -> new PassThrough();
            case "new-message" -> new NewMessage();
            default -> throw new IllegalArgumentException("--operator must be pass-through, new-message or " + CAMEL_ROUTE + ", got " + operator);
        };
    }

    private Stage.Running start() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        String listener;
        String publisher;
        if (addresses.onBroker()) {
            BrokerAddress in = BrokerAddress.parse(addresses.in);
            BrokerAddress out = BrokerAddress.parse(addresses.out);
            BrokerClient broker = in.broker().client();
            broker.camelProperties(in).forEach(camel.getPropertiesComponent()::addInitialProperty);
            listener = broker.listenUri(in);
            publisher = out.broker().client().publishUri(out);
        } else {
            listener = "zeromq:PULL:" + addresses.in + "?receiveHwm=" + addresses.hwm;
            publisher = "zeromq:PUSH:" + addresses.out + "?bind=true&sendHwm=" + addresses.hwm + "&sendTimeout=" + sendTimeout
                        + "&linger=-1";
        }
        camel.addRoutes(new ArroyoRouteBuilder() {
            @Override
            public void configure() {
                if (operator.equals(CAMEL_ROUTE)) {
                    // without stream caching, as the pipeline's route has none for a listener of byte arrays
                    from(listener).streamCache("false").to(publisher);
                } else {
                    pipeline("benchmark").listen(listener).operator(chosenOperator()).publish(publisher);
                }
            }
        });
        camel.start();
        return camel::close;
    }
}
