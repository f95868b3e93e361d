package org.arroyo.benchmarks;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The baseline of scenario D: the broker's own client library in a loop that consumes each message and publishes it on
 * to a second destination (no Camel, no decoding), with the delivery guarantee of the pipeline it is compared with. It
 * stops when its standard input closes.
 */
@Command(name = "broker-relay", mixinStandardHelpOptions = true,
         description = "Relays the messages of one broker destination to another with the broker's own client.")
public final class BrokerRelay implements Callable<Integer> {

    @Mixin
    private StageAddresses addresses;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerRelay()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BrokerAddress in = BrokerAddress.parse(addresses.in);
        BrokerAddress out = BrokerAddress.parse(addresses.out);
        if (in.broker() != out.broker()) {
            throw new IllegalArgumentException("the relay stays on one broker: " + in + " -> " + out);
        }
        Stage.runUntilStdinCloses("broker-relay", () -> in.broker().client().relay(in, out));
        return 0;
    }
}
