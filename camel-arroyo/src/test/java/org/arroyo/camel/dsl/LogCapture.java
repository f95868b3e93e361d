package org.arroyo.camel.dsl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Every entry logged at WARN or above while it is open, from any logger, as a user reading the log would see them. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    /** One entry: its level, logger, text and whether it carries a stack trace. */
    record Entry(Level level, String logger, String text, boolean stackTrace) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final LoggerConfig root;

    LogCapture() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = logging.getConfiguration();
        root = configuration.getRootLogger();
        start();
        root.addAppender(this, Level.WARN, null);
        logging.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        entries.add(new Entry(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(), event.getThrown() != null));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void close() {
        root.removeAppender(getName());
        stop();
    }
}
