package org.arroyo.camel.operator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelTracingService;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.util.TimeUtils;
import org.arroyo.camel.ArroyoConstants;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.RunId;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.internal.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows in the log (INFO) that a pipeline is working: one line when a run starts (its id and the start's first fields),
 * a line every interval while events flow (events, events/s, failures), one line when the run stops (events, duration,
 * failures, dead letters). The interval is the property {@value #PROPERTY} (a Camel duration, default 5s), or
 * {@code off} for no lines at all. The pipelines of every DSL form have it as a route policy of their first route,
 * which sees each message the listener gives as its exchange begins, and how each exchange ended (failed, or handled
 * by the error handler: a dead letter). Where the first route reads the listener's messages in a step of its own (a
 * format other than msgpack), the messages are noted by a step after it instead ({@link #afterReading()}). On the first
 * route it also stands for the pipeline's meters' policy ({@link PipelineMeters}, the policy of later stages' routes):
 * one policy fewer for Camel to call around every message.
 */
public final class PipelineProgress extends RoutePolicySupport {

    /** The property that sets the interval of the progress lines, or turns them {@code off}. */
    public static final String PROPERTY = "arroyo.progress";

    private static final Logger LOG = LoggerFactory.getLogger(PipelineProgress.class);
    private static final String DEFAULT_INTERVAL = "5s";
    /** How much of a start the start line shows: its first fields, each value cut to this length. */
    private static final int START_FIELDS = 6;
    private static final int VALUE_LENGTH = 40;

    private final String pipeline;
    private final PipelineMeters meters;
    /** Null when off. */
    private Duration interval;
    /** Whether the context traces its exchanges: then each one's message is noted for the spans even with the lines off. */
    private boolean traced;
    private ScheduledExecutorService timer;
    /** Whether a step after the reader notes the messages, not the beginning of their exchanges. */
    private boolean noteAfterReading;

    private String run = "?";
    private long runStartedAt = System.nanoTime();
    private long events;
    private long failures;
    private long deadLetters;
    private long eventsReported;
    private long reportedAt = System.nanoTime();

    /** @param pipeline the pipeline's name, which begins each line */
    public PipelineProgress(String pipeline, PipelineMeters meters) {
        this.pipeline = pipeline;
        this.meters = meters;
    }

    @Override
    public void onInit(Route route) {
        meters.onInit(route);
        traced = route.getCamelContext().hasService(CamelTracingService.class) != null;
        String setting = route.getCamelContext().resolvePropertyPlaceholders("{{" + PROPERTY + ":" + DEFAULT_INTERVAL + "}}").strip();
        if (setting.equalsIgnoreCase("off") || setting.equals("0")) {
            interval = null;
            return;
        }
        try {
            interval = Duration.ofMillis(TimeUtils.toMilliSeconds(setting));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // what Camel's duration parser throws for text that is no duration
            throw new IllegalArgumentException(PROPERTY + " must be a duration such as 5s or 500ms, or off, not '" + setting + "'", e);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive duration or off, not '" + setting + "'");
        }
    }

    @Override
    public void onStart(Route route) {
        meters.onStart(route);
        if (interval != null) {
            timer = route.getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "Arroyo progress " + pipeline);
            timer.scheduleAtFixedRate(this::reportProgress, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onStop(Route route) {
        if (timer != null) {
            route.getCamelContext().getExecutorServiceManager().shutdown(timer);
            timer = null;
        }
    }

    /**
     * The step that notes each message once the step before it has read it, for a first route that reads the listener's
     * messages in a step of its own; the policy then leaves the beginning of its exchanges alone.
     */
    public Processor afterReading() {
        noteAfterReading = true;
        return this::note;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        meters.onExchangeBegin(route, exchange);
        if (!noteAfterReading) {
            note(exchange);
        }
    }

    /**
     * Notes the listener's message. Its bytes are decoded once here, as the operator would, and the message becomes the
     * body (keeping the bytes to publish it unchanged), so the operator does not decode them again; bytes that do not
     * decode stay as they are for the pipeline's steps to judge, as they would without this. The message is counted
     * by the pipeline's meters and, when the context traces, kept in the exchange property
     * {@value ArroyoConstants#LISTENER_MESSAGE} for the spans.
     */
    private void note(Exchange exchange) {
        if (interval == null && !traced && !meters.measuring()) {
            return;
        }
        ArroyoMessage message = OperatorProcessor.peek(exchange, pipeline, LOG);
        if (message == null) {
            return;
        }
        if (traced) {
            exchange.setProperty(ArroyoConstants.LISTENER_MESSAGE, message);
        }
        meters.received(message);
        if (interval != null) {
            noted(message);
        }
    }

    private synchronized void noted(ArroyoMessage message) {
        if (message instanceof Event) {
            events++;
        } else if (message instanceof Start start) {
            run = RunId.in(start.data()).orElse("?");
            runStartedAt = System.nanoTime();
            events = eventsReported = failures = deadLetters = 0;
            reportedAt = runStartedAt;
            LOG.info("{}: run {} started{}", pipeline, run, describe(start.data()));
        } else {
            eventsReported = events; // the stop line has them: no progress line after it
            LOG.info("{}: run {} stopped: {} events in {} s, {} failures, {} dead letters", pipeline, run, events,
                    oneDecimal((System.nanoTime() - runStartedAt) / 1e9), failures, deadLetters);
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        meters.onExchangeDone(route, exchange);
        if (interval == null) {
            return;
        }
        boolean handled = ExchangeHelper.isFailureHandled(exchange);
        if (exchange.isFailed() || handled) {
            synchronized (this) {
                failures++;
                deadLetters += handled ? 1 : 0;
            }
        }
    }

    private synchronized void reportProgress() {
        long now = System.nanoTime();
        long newEvents = events - eventsReported;
        if (newEvents > 0) {
            double perSecond = newEvents / ((now - reportedAt) / 1e9);
            LOG.info("{}: run {}: {} events, {} events/s, {} failures", pipeline, run, events, oneDecimal(perSecond), failures);
        }
        eventsReported = events;
        reportedAt = now;
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The start's first fields (not its run id), each value cut short. */
    private static String describe(Map<String, Object> data) {
        List<String> fields = Values.shortFields(data, RunId.FIELDS, START_FIELDS, VALUE_LENGTH);
        return fields.isEmpty() ? "" : ": " + String.join(", ", fields);
    }
}
