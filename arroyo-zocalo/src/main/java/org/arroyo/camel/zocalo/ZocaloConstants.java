package org.arroyo.camel.zocalo;

import org.apache.camel.spi.Metadata;

/**
 * The headers Zocalo messages carry (AMQP headers on RabbitMQ, STOMP headers and JMS properties on ActiveMQ),
 * named as python-workflows, zocalo and the brokers name them.
 */
public final class ZocaloConstants {

    @Metadata(description = "Marks a recipe-wrapped message: python-workflows sends true, and True, \"True\", \"true\""
                            + " and 1 are read as true too. Every message a step sends carries it.",
              javaType = "java.lang.Boolean")
    public static final String WORKFLOWS_RECIPE = "workflows-recipe";

    @Metadata(description = "What failed, as `<exception class>: <message>`, on the input a service sends to its step's"
                            + " error destination.",
              javaType = "java.lang.String")
    public static final String ARROYO_ERROR = "arroyo-error";

    @Metadata(description = "How many milliseconds the delayed-message exchange (rabbitmq_delayed_message_exchange)"
                            + " holds a message for a node's transport-delay, as python-workflows sets it.",
              javaType = "java.lang.Integer")
    public static final String X_DELAY = "x-delay";

    @Metadata(description = "How many milliseconds ActiveMQ's scheduler (schedulerSupport) holds a message for a node's"
                            + " transport-delay, as python-workflows' STOMP transport sets it.",
              javaType = "java.lang.Long")
    public static final String AMQ_SCHEDULED_DELAY = "AMQ_SCHEDULED_DELAY";

    @Metadata(description = "RabbitMQ's record of a dead-lettered message: the queues it died on and when. Dead-letter"
                            + " export dates its file by the first entry; re-injection sends back to that entry's queue.",
              javaType = "java.util.List")
    public static final String X_DEATH = "x-death";

    @Metadata(description = "\"True\" on a message re-injected from a dead-letter file, as zocalo.dlq_reinject marks it.",
              javaType = "java.lang.String")
    public static final String DLQ_REINJECTED = "dlq-reinjected";

    private ZocaloConstants() {
    }
}
