package org.arroyo.camel.dsl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.DelegateProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.DeadLetterChannelBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteDefinitionHelper;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.reifier.errorhandler.DeadLetterChannelReifier;
import org.apache.camel.reifier.errorhandler.ErrorHandlerReifier;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.URISupport;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.operator.ArroyoDelivery;
import org.arroyo.camel.operator.OperatorProcessor;
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
 * <li>A message that a publisher could not take is not poison: it is sent again every {@value #PUBLISH_RETRY_MILLIS} ms
 * (logged once, at the first retry) until it is taken or Camel's shutdown timeout ends the stopping pipeline, which
 * leaves it unfinished: a durable listener does not acknowledge it and delivers it again after a restart.</li>
 * </ul>
 * Only the publishing step ({@link PublishProcessor}) can be refused, so the operator step's error handler does not
 * redeliver: Camel's error handler copies the exchange before each step it may redeliver, which the operator step is
 * spared. A step it cannot see into (one wrapped by a tracer's {@code traceProcessors}) keeps the copy.
 */
final class DeadLetters {

    /** The property naming the dead-letter endpoint of pipelines without an error handler of their own. */
    static final String URI_PROPERTY = "arroyo.deadLetterUri";
    static final String DEFAULT_URI = "file:failed";
    static final long PUBLISH_RETRY_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** Where the kind of the failed message is kept: the original message, restored for the dead letter, has lost it. */
    private static final String FAILED_KIND = "ArroyoFailedMessageType";

    static {
        ErrorHandlerReifier.registerReifier(Channel.class, (route, channel) -> new ErrorHandlerReifier<>(route, (Channel) channel) {
            @Override
            public Processor createErrorHandler(Processor step) throws Exception {
                DeadLetterChannelDefinition handler = operates(step) ? definition.withoutRedelivery() : definition;
                return new DeadLetterChannelReifier(route, handler).createErrorHandler(step);
            }
        });
    }

    private DeadLetters() {
    }

    /** Gives the route the default dead letter channel, unless its builder or a route configuration gives it an error handler. */
    static void applyTo(RouteDefinition route, CamelContext context) {
        if (route.isErrorHandlerFactorySet() && route.getErrorHandlerFactory() != context.getCamelContextExtension().getErrorHandlerFactory()) {
            return;
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
    }

    private static Channel channel(String uri) {
        Channel channel = new Channel(uri);
        channel.useOriginalMessage();
        // the predicate decides, so no limit of its own: a retry counts only with a limit other than 0
        channel.maximumRedeliveries(-1);
        channel.retryWhile(retriedWhile());
        channel.redeliveryDelay(PUBLISH_RETRY_MILLIS);
        // one entry per failure, ours: Camel's own would log each one again with its stack trace and history
        channel.logExhausted(false);
        channel.logRetryAttempted(false);
        channel.logStackTrace(false);
        channel.logHandled(false);
        channel.onExceptionOccurred(exchange -> exchange.setProperty(FAILED_KIND,
                exchange.getMessage().getHeader(ArroyoConstants.MESSAGE_TYPE, "message", String.class)));
        channel.onRedelivery(DeadLetters::logFirstRetry);
        channel.onPrepareFailure(exchange -> deadLetter(exchange, uri));
        return channel;
    }

    /** The pipelines' dead letter channel, which does not retry at the operator step: no publisher refuses anything there. */
    private static final class Channel extends DeadLetterChannelBuilder {

        Channel(String uri) {
            super(uri);
        }

        /** This channel for a step where no publisher can refuse: the same dead letters, no retry. */
        DeadLetterChannelDefinition withoutRedelivery() {
            DeadLetterChannelDefinition once = new DeadLetterChannelDefinition();
            cloneBuilder(once);
            once.setRetryWhilePredicate(null);
            once.maximumRedeliveries(0);
            return once;
        }
    }

    /** Whether a route step is the operator step, possibly wrapped (not a step that runs others, such as a kamelet). */
    private static boolean operates(Processor step) {
        return step instanceof OperatorProcessor || step instanceof DelegateProcessor wrapper && operates(wrapper.getProcessor());
    }

    /** Retried: a message a publisher could not take; anything else goes to the dead letters at once. */
    private static Expression retriedWhile() {
        return new ExpressionAdapter() {
            // Camel's allowRedeliveryWhileStopping(false) would refuse every redelivery here, stopping or not
            @Override
            public Object evaluate(Exchange exchange) {
                return exchange.getProperty(ArroyoConstants.PUBLISH_FAILED) != null;
            }

            @Override
            public String toString() {
                return "a publisher could not take it";
            }
        };
    }

    private static void logFirstRetry(Exchange exchange) {
        if (exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) == 1) {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.warn("{}: {} not taken by {}: {}; sending it again every {} ms until it is taken or the pipeline stops",
                    exchange.getFromRouteId(), described(exchange), exchange.getProperty(ArroyoConstants.PUBLISH_FAILED),
                    reason(cause), PUBLISH_RETRY_MILLIS);
            LOG.debug("{}: the publisher's failure", exchange.getFromRouteId(), cause);
        }
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
        LOG.warn("{}: {} failed: {}; dead letter sent to {}", route, described(exchange), reason, where);
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

    /** The failed message as a log names it: its kind and its size as the listener received it. */
    private static String described(Exchange exchange) {
        String kind = exchange.getProperty(FAILED_KIND, "message", String.class);
        Message received = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getOriginalInMessage();
        Object body = (received == null ? exchange.getMessage() : received).getBody();
        long size = body instanceof byte[] bytes ? bytes.length
                : body instanceof List<?> frames && frames.stream().allMatch(byte[].class::isInstance)
                        ? frames.stream().mapToLong(frame -> ((byte[]) frame).length).sum() : -1;
        return size < 0 ? kind : kind + " of " + size + " bytes";
    }
}
