package org.arroyo.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Zocalo's queue tools on RabbitMQ and ActiveMQ. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Zocalo queue tools.",
         subcommands = { QueueCommand.Drain.class })
final class QueueCommand {

    @Command(name = "drain", mixinStandardHelpOptions = true,
             description = "Move every message of SOURCE to DESTINATION, headers and body unchanged, as zocalo.queue_drain.")
    static final class Drain implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "The service queue to empty.")
        String source;

        @Parameters(index = "1", paramLabel = "DESTINATION", description = "The service queue to fill.")
        String destination;

        @Mixin
        ZocaloBrokerOptions broker;

        @Override
        public Integer call() throws Exception {
            long moved = broker.withQueues(tools -> tools.drain(source, destination));
            broker.out().println("moved " + moved + " messages from " + source + " to " + destination);
            return 0;
        }
    }
}
