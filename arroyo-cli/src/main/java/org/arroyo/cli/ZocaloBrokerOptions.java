package org.arroyo.cli;

import java.io.PrintWriter;

import org.apache.camel.impl.DefaultCamelContext;
import org.arroyo.camel.zocalo.ZocaloQueues;
import org.arroyo.camel.zocalo.activemq.ZocaloActiveMq;
import org.arroyo.camel.zocalo.rabbitmq.ZocaloRabbitMq;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which Zocalo broker the operator tools work on: RabbitMQ (AMQP) or ActiveMQ (OpenWire, the
 * broker python-workflows reaches over STOMP). The password comes from the environment, never
 * from the command line, and is never printed.
 */
final class ZocaloBrokerOptions {

    static final String PASSWORD_VARIABLE = "ARROYO_BROKER_PASSWORD";

    enum Broker {
        rabbitmq(5672), activemq(61616);

        final int defaultPort;

        Broker(int defaultPort) {
            this.defaultPort = defaultPort;
        }
    }

    @Option(names = "--broker", defaultValue = "rabbitmq", description = "rabbitmq or activemq (default ${DEFAULT-VALUE}).")
    Broker broker;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The broker's host (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", description = "The broker's port (default 5672 for RabbitMQ, 61616, OpenWire, for ActiveMQ).")
    Integer port;

    @Option(names = "--user", description = "The user (default guest on RabbitMQ, none on ActiveMQ); the password is read from "
            + PASSWORD_VARIABLE + ".")
    String user;

    @Option(names = "--namespace", defaultValue = ZocaloActiveMq.DEFAULT_NAMESPACE,
            description = "ActiveMQ: the prefix of queue names, as python-workflows' --stomp-prfx (default ${DEFAULT-VALUE}).")
    String namespace;

    /** The command these options belong to. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** The command's standard error. */
    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Runs {@code work} on the broker's tools and closes the connection after it. */
    <T> T withQueues(QueueWork<T> work) throws Exception {
        try {
            return onBroker(work);
        } finally {
            out().flush();
        }
    }

    private <T> T onBroker(QueueWork<T> work) throws Exception {
        String password = System.getenv(PASSWORD_VARIABLE);
        int brokerPort = port != null ? port : broker.defaultPort;
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            if (broker == Broker.activemq) {
                return work.run(new ZocaloActiveMq(context, ZocaloActiveMq.connectionFactory(
                        "tcp://" + host + ":" + brokerPort, user, password)).namespace(namespace).queues());
            }
            CachingConnectionFactory factory = ZocaloRabbitMq.connectionFactory(host, brokerPort, user != null ? user : "guest",
                    password != null ? password : "guest");
            try {
                return work.run(new ZocaloRabbitMq(context, factory).deadLetters());
            } finally {
                factory.destroy();
            }
        }
    }

    @FunctionalInterface
    interface QueueWork<T> {
        T run(ZocaloQueues queues) throws Exception;
    }
}
