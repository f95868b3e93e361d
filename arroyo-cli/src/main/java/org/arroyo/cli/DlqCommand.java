package org.arroyo.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.arroyo.camel.zocalo.DeadLetterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Zocalo's dead-letter tools ({@code zocalo.dlq_check}, {@code dlq_purge}, {@code dlq_reinject}) on RabbitMQ and ActiveMQ. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Check, purge to files and re-inject Zocalo dead letters.",
         subcommands = { DlqCommand.Check.class, DlqCommand.Purge.class, DlqCommand.Reinject.class })
final class DlqCommand {

    @Command(name = "check", mixinStandardHelpOptions = true,
             description = "Print how many dead letters each queue has (dlq.QUEUE on RabbitMQ, DLQ.NAMESPACE.QUEUE on ActiveMQ);"
                     + " exit 1 when there are any.")
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "QUEUE", arity = "1..*", description = "Service queues, as recipes name them.")
        List<String> queues;

        @Mixin
        ZocaloBrokerOptions broker;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = broker.out();
            long total = broker.withQueues(tools -> {
                long sum = 0;
                for (String queue : queues) {
                    String deadLetters = tools.deadLetterQueue(queue);
                    long count = tools.count(deadLetters);
                    out.println(deadLetters + ": " + count);
                    sum += count;
                }
                return sum;
            });
            return total > 0 ? 1 : 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
             description = "Move each dead letter of the queues into a JSON file (header and message, as zocalo.dlq_purge writes"
                     + " them) under DIRECTORY/<date>/; a message leaves the queue only once its file is written.")
    static final class Purge implements Callable<Integer> {

        @Parameters(paramLabel = "QUEUE", arity = "1..*", description = "Service queues, as recipes name them.")
        List<String> queues;

        @Option(names = "--directory", defaultValue = "DLQ", description = "Where the files go (default ${DEFAULT-VALUE}).")
        Path directory;

        @Mixin
        ZocaloBrokerOptions broker;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = broker.out();
            broker.withQueues(tools -> {
                for (String queue : queues) {
                    tools.export(tools.deadLetterQueue(queue), directory).forEach(out::println);
                }
                return null;
            });
            return 0;
        }
    }

    @Command(name = "reinject", mixinStandardHelpOptions = true,
             description = "Send the messages of dead-letter files back to the queue they died on (or to --destination), without"
                     + " the broker's headers and marked dlq-reinjected: True. Every file is checked before anything is sent.")
    static final class Reinject implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files written by dlq purge or zocalo.dlq_purge.")
        List<Path> files;

        @Option(names = "--destination", description = "A service queue to send to instead.")
        String destination;

        @Option(names = "--remove", description = "Delete each file once its message is sent.")
        boolean remove;

        @Mixin
        ZocaloBrokerOptions broker;

        @Override
        public Integer call() throws Exception {
            files.forEach(DeadLetterFile::read);
            PrintWriter out = broker.out();
            broker.withQueues(tools -> {
                for (Path file : files) {
                    tools.reinject(file, destination);
                    out.println("re-injected " + file);
                    if (remove) {
                        Files.delete(file);
                    }
                }
                return null;
            });
            return 0;
        }
    }
}
