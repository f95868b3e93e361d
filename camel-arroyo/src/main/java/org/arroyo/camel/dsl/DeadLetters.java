package org.arroyo.camel.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.DeadLetterChannelBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.operator.PublishProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline does with a message it cannot process, when neither its route builder nor a route configuration gives
 * it an error handler: Camel's dead letter channel with the original message.
 * <ul>
 * <li>A message that cannot be read or that fails in the operator (or in writing it for the publishers) is sent as it
 * came (its original bytes) to the dead-letter endpoint, property {@value #URI_PROPERTY} (default
 * {@value #DEFAULT_URI}: a folder), with the reason in header {@value ArroyoConstants#FAILURE_REASON} and the route in
 * {@value ArroyoConstants#FAILURE_ROUTE}; for a {@code file:} endpoint a file {@code NAME.reason} beside it holds the
 * reason. It is logged once, at WARN, with where it went (the stack trace at DEBUG); the pipeline goes on.</li>
 * <li>A message that a publisher could not take is not poison: the publishing step ({@link PublishProcessor}) sends
 * it again every {@value #PUBLISH_RETRY_MILLIS} ms ({@link #RESENDING}, logged once, at the first refusal) until it is
 * taken or Camel's shutdown timeout forces the stopping CamelContext to stop, which leaves it unfinished: a durable
 * listener does not acknowledge it and delivers it again after a restart.</li>
 * </ul>
 * So the channel itself never redelivers, and Camel copies no exchange before a step (it would, for each step it may
 * redeliver).
 */
final class DeadLetters {

    /** The property naming the dead-letter endpoint of pipelines without an error handler of their own. */
    static final String URI_PROPERTY = "arroyo.deadLetterUri";
    static final String DEFAULT_URI = "file:failed";
    static final long PUBLISH_RETRY_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** How the publishing step of a route with these dead letters sends again what a publisher refused. */
    static final PublishProcessor.Resending RESENDING = new PublishProcessor.Resending() {
        @Override
        public long pauseMillis() {
            return PUBLISH_RETRY_MILLIS;
        }

        @Override
        public void refused(Exchange exchange, String publisher, Exception cause) {
            LOG.warn("{}: {} not taken by {}: {}; sending it again every {} ms until it is taken or the pipeline stops",
                    exchange.getFromRouteId(), described(exchange, kind(exchange)), publisher, reason(cause), PUBLISH_RETRY_MILLIS);
            LOG.debug("{}: the publisher's failure", exchange.getFromRouteId(), cause);
        }
    };

    /** Where the kind of the failed message is kept: the original message, restored for the dead letter, has lost it. */
    private static final String FAILED_KIND = "ArroyoFailedMessageType";

    private DeadLetters() {
    }

    /**
     * Gives the route the default dead letter channel, unless its builder or a route configuration gives it an error
     * handler; returns whether it did.
     */
    static boolean applyTo(RouteDefinition route, CamelContext context) {
        if (route.isErrorHandlerFactorySet() && route.getErrorHandlerFactory() != context.getCamelContextExtension().getErrorHandlerFactory()) {
            return false;
        }
        // the route configurations Camel will give the route, with the test Camel applies (added before the routes)
        boolean configured = context.getCamelContextExtension().getContextPlugin(Model.class).getRouteConfigurationDefinitions().stream()
                .filter(configuration -> configuration.getErrorHandler() != null)
                .anyMatch(RouteDefinitionHelper.routesByIdOrPattern(route, null));
        if (!configured) {
            // a broker endpoint gets Arroyo's delivery defaults, as the pipeline's publishers do (bytes, not text)
            String uri = ArroyoDelivery.pipelineUri(context, context.resolvePropertyPlaceholders("{{" + URI_PROPERTY + ":" + DEFAULT_URI + "}}"));
            route.errorHandler(channel(uri));
        }
        return !configured;
    }

    private static DeadLetterChannelBuilder channel(String uri) {
        DeadLetterChannelBuilder channel = new DeadLetterChannelBuilder(uri);
        channel.useOriginalMessage();
        // one entry per failure, ours: Camel's own would log each one again with its stack trace and history
        channel.logExhausted(false);
        channel.logStackTrace(false);
        channel.logHandled(false);
        channel.onExceptionOccurred(exchange -> exchange.setProperty(FAILED_KIND, kind(exchange)));
        channel.onPrepareFailure(exchange -> deadLetter(exchange, uri));
        return channel;
    }

    /** Readies the original message for the dead-letter endpoint: the reason in headers (and beside a file), one log entry. */
    private static void deadLetter(Exchange exchange, String uri) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        String reason = reason(cause);
        exchange.getMessage().setHeader(ArroyoConstants.FAILURE_REASON, reason);
        exchange.getMessage().setHeader(ArroyoConstants.FAILURE_ROUTE, route);
        String where = uri;
        if ("file".equals(StringHelper.before(uri, ":"))) {
            Path file = fileBeside(exchange, uri, route);
            Files.writeString(file.resolveSibling(file.getFileName() + ".reason"), route + ": " + reason + "\n", StandardCharsets.UTF_8);
            where = file.toString();
        }
        LOG.warn("{}: {} failed: {}; dead letter sent to {}", route, described(exchange, exchange.getProperty(FAILED_KIND, "message", String.class)),
                reason, where);
        LOG.debug("{}: the failure", route, cause);
    }

    /** The file the dead letter will be written to: the name it came with (a file listener's), else the route and exchange id. */
    private static Path fileBeside(Exchange exchange, String uri, String route) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        if (name == null) {
            name = route + "-" + exchange.getExchangeId() + ".msg";
            exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        }
        String folder = StringHelper.after(URISupport.stripQuery(uri), ":").replaceFirst("^//", "");
        Path file = Path.of(folder).resolve(name);
        Files.createDirectories(file.getParent());
        return file;
    }

    private static String reason(Exception cause) {
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The kind of the message in hand ({@code start}, {@code event}, {@code stop}), or just "message". */
    private static String kind(Exchange exchange) {
        return exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE, "message", String.class);
    }

    /** The failed message as a log names it: its kind and its size as the listener received it. */
    private static String described(Exchange exchange, String kind) {
        Message received = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getOriginalInMessage();
        Object body = (received == null ? exchange.getMessage() : received).getBody();
        long size = body instanceof byte[] bytes ? bytes.length
                : body instanceof List<?> frames && frames.stream().allMatch(byte[].class::isInstance)
                        ? frames.stream().mapToLong(frame -> ((byte[]) frame).length).sum() : -1;
        return size < 0 ? kind : kind + " of " + size + " bytes";
    }
}
