package org.arroyo.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.arroyo.camel.streampy.QueueNode;
import org.arroyo.camel.streampy.metrics.MetricsReceiver;
import org.arroyo.camel.streampy.metrics.MetricsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** stream-py's nodes, started as their users start them ({@code MQ_udp.py}, {@code metrics_receiver.py}). */
@Command(name = "streampy", mixinStandardHelpOptions = true, description = "stream-py's nodes: the queue node and the metrics receiver.",
         subcommands = { StreamPyCommand.Queue.class, StreamPyCommand.Receiver.class })
final class StreamPyCommand {

    /** What a node prints on standard output once it listens, followed by its protocol and address. */
    static final String LISTENING = "listening on ";

    @Command(name = "queue", mixinStandardHelpOptions = true,
             description = "A stream-py message-queue node (as MQ_udp.py): PUT, GET and SIZE in LHHTTT frames, until Ctrl-C or SIGTERM.")
    static final class Queue extends NodeCommand {

        @Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:10000",
                description = "Where to listen; default ${DEFAULT-VALUE}. Another host than a loopback address is reachable from other machines.")
        String address;

        @Option(names = "--protocol", defaultValue = "udp", description = "udp (one command per datagram, as stream-py) or tcp; default ${DEFAULT-VALUE}.")
        String protocol;

        @Option(names = "--capacity", defaultValue = "10000",
                description = "The most messages queued; a PUT beyond is refused with an error reply; default ${DEFAULT-VALUE}.")
        int capacity;

        @Option(names = "--journal", paramLabel = "FILE", description = "Keep the queue in this journal file, replayed on start.")
        Path journal;

        @Option(names = "--fsync", description = "Force each journal write to the disk (survives a power loss; much slower).")
        boolean fsync;

        @Option(names = "--metrics-address", paramLabel = "HOST:PORT", description = "Send a stream-py report there (UDP) every stats period.")
        String metricsAddress;

        @Option(names = "--stats-period", paramLabel = "SECONDS", defaultValue = "1", description = "How often to report; default ${DEFAULT-VALUE} s.")
        double statsPeriod;

        @Option(names = "--vuid", paramLabel = "ID", description = "The node's id in its reports (VUID); default: its address.")
        String vuid;

        @Override
        public Integer call() throws Exception {
            HostPort listen = HostPort.parse("--address", address);
            QueueNode node = new QueueNode("queue-node", listen.host(), listen.port()).protocol(protocol).capacity(capacity);
            if (journal != null) {
                node.journal(journal, fsync);
            }
            if (metricsAddress != null) {
                if (statsPeriod <= 0) {
                    throw new IllegalArgumentException("--stats-period must be a positive number of seconds, got " + statsPeriod);
                }
                node.metrics(MetricsSettings.udp(vuid == null ? address : vuid, metricsAddress, Duration.ofNanos(Math.round(statsPeriod * 1e9))));
            }
            return serve(node, protocol.toLowerCase(Locale.ROOT), listen);
        }
    }

    @Command(name = "metrics-receiver", mixinStandardHelpOptions = true,
             description = "stream-py's metrics receiver (as metrics_receiver.py): reports arriving over UDP are POSTed, as the hub "
                           + "reads them, to the hub's URI, until Ctrl-C or SIGTERM.")
    static final class Receiver extends NodeCommand {

        @Option(names = "--address", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5001",
                description = "Where to listen for reports (UDP); default ${DEFAULT-VALUE}. Another host than a loopback address is reachable from other machines.")
        String address;

        @Option(names = "--uri", paramLabel = "URI", required = true,
                description = "Where to POST each report, e.g. http://127.0.0.1:5555/post (any Camel endpoint URI).")
        String uri;

        @Override
        public Integer call() throws Exception {
            HostPort listen = HostPort.parse("--address", address);
            return serve(new MetricsReceiver("metrics-receiver", listen.host(), listen.port(), uri), "udp", listen);
        }
    }

    /** A node: one route, run in Camel Main until Ctrl-C or SIGTERM. */
    abstract static class NodeCommand extends CamelCommand {

        /** Runs the node's route until stopped; prints where it listens once it does, and warns when that is not a loopback address. */
        int serve(RouteBuilder node, String protocol, HostPort listen) throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!listen.isLoopback()) {
                spec.commandLine().getErr().println("arroyo: listening on " + listen + ", which other machines can reach");
            }
            Main main = options.main();
            main.configure().addRoutesBuilder(node);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    out.println(LISTENING + protocol + " " + listen);
                    out.flush();
                }
            });
            return runUntilStopped(main);
        }
    }

    /** A {@code HOST:PORT} option. */
    record HostPort(String host, int port) {

        static HostPort parse(String option, String value) {
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.substring(colon + 1).matches("\\d{1,5}")) {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port <= 65_535) {
                    return new HostPort(value.substring(0, colon), port);
                }
            }
            throw new IllegalArgumentException(option + " must be HOST:PORT, got '" + value + "'");
        }

        boolean isLoopback() {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host '" + host + "'", e);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
