package org.arroyo.camel.streampy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The FIFO queue of a queue node: bounded by a capacity, optionally kept on disk by a
 * {@link QueueJournal} (each change is written before it is acknowledged). Thread safe.
 */
public final class MessageQueue implements Closeable {

    /** A queued message and when it was put ({@link System#nanoTime()}), for the queue's latency figures. */
    public record Entry(String message, long putNanos) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final QueueJournal journal;

    private MessageQueue(int capacity, QueueJournal journal) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.journal = journal;
    }

    /** A queue kept in memory only. */
    public static MessageQueue inMemory(int capacity) {
        return new MessageQueue(capacity, null);
    }

    /**
     * A queue kept in a journal file: what the file holds is queued again (even beyond the capacity,
     * so that nothing is lost; PUTs are then refused until GETs bring it below).
     *
     * @param fsync whether each change is forced to the disk device (survives power loss), not only
     *              written to the operating system (survives the process)
     */
    public static MessageQueue persistent(int capacity, Path journalFile, boolean fsync) throws IOException {
        List<String> restored = new ArrayList<>();
        MessageQueue queue = new MessageQueue(capacity, QueueJournal.open(journalFile, fsync, restored));
        long now = System.nanoTime();
        restored.forEach(message -> queue.entries.addLast(new Entry(message, now)));
        return queue;
    }

    /** @throws QueueFullException when the queue holds {@code capacity} messages */
    public synchronized void put(String message) {
        if (entries.size() >= capacity) {
            throw new QueueFullException(capacity);
        }
        if (journal != null) {
            journal.put(message);
        }
        entries.addLast(new Entry(message, System.nanoTime()));
    }

    /** The oldest message, removed from the queue, or {@code null} when it is empty. */
    public synchronized Entry take() {
        Entry oldest = entries.pollFirst();
        if (oldest != null && journal != null) {
            try {
                journal.get(entries.size(), () -> entries.stream().map(Entry::message).toList());
            } catch (RuntimeException e) {
                entries.addFirst(oldest);
                throw e;
            }
        }
        return oldest;
    }

    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
