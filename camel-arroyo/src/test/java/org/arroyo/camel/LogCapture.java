package org.arroyo.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The entries logged while it is open, as a user reading the log would see them. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    /** One entry: its level, logger, text and whether it carries a stack trace. */
    public record Entry(Level level, String logger, String text, boolean stackTrace) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level previousLevel;

    /** Every entry at WARN or above, from any logger. */
    public LogCapture() {
        this(LogManager.ROOT_LOGGER_NAME, Level.WARN);
    }

    /** Every entry of one logger (and those below it) at the level or above. */
    public LogCapture(Class<?> logger, Level level) {
        this(logger.getName(), level);
    }

    private LogCapture(String loggerName, Level level) {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        logger = (Logger) LogManager.getLogger(loggerName);
        previousLevel = logger.getLevel();
        start();
        logger.addAppender(this);
        logger.setLevel(level);
    }

    @Override
    public void append(LogEvent event) {
        entries.add(new Entry(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(), event.getThrown() != null));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries' texts. */
    public List<String> texts() {
        return entries.stream().map(Entry::text).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        logger.setLevel(previousLevel);
        stop();
    }
}
