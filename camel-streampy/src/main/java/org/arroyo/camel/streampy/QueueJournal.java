package org.arroyo.camel.streampy;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.arroyo.camel.codec.ArroyoDecodeException;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.codec.LhhtttDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk image of a queue: an append-only file of the node's own commands, {@code PUT:<message>}
 * and {@code GET}, each an LHHTTT frame, written before the reply is sent. Replaying it gives the
 * queue back in order. Appending costs one write per command whatever the queue's size, and a
 * crash can only cut the last frame short, which replay detects and drops (that command was never
 * acknowledged). When the GETs outnumber the messages left, the file is rewritten as the PUTs of
 * what is queued (to a temporary file, then moved over it atomically).
 */
final class QueueJournal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJournal.class);
    private static final int MIN_GETS_BEFORE_COMPACTION = 1024;
    private static final byte[] GET_FRAME = Lhhttt.encode(QueueCommand.GET.text());

    private final Path file;
    private final boolean fsync;
    private FileChannel channel;
    private long getsSinceCompaction;

    private QueueJournal(Path file, boolean fsync) {
        this.file = file;
        this.fsync = fsync;
    }

    /**
     * Opens (or creates) the journal and returns the messages it holds, oldest first, in {@code restored}.
     *
     * @throws IllegalStateException when the file is damaged before its last frame
     */
    static QueueJournal open(Path file, boolean fsync, Collection<String> restored) throws IOException {
        QueueJournal journal = new QueueJournal(file, fsync);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        journal.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        restored.addAll(journal.replay());
        journal.channel.position(journal.channel.size());
        return journal;
    }

    private Deque<String> replay() throws IOException {
        byte[] content = Files.readAllBytes(file);
        LhhtttDecoder decoder = new LhhtttDecoder(Lhhttt.DEFAULT_MAX_TEXT_BYTES);
        Deque<String> queued = new ArrayDeque<>();
        try {
            for (String text : decoder.feed(ByteBuffer.wrap(content))) {
                if (QueueCommand.parse(text) instanceof QueueCommand.Put put) {
                    queued.addLast(put.message());
                } else if (queued.pollFirst() == null) {
                    throw new IllegalArgumentException("a GET with no message left to take");
                } else {
                    getsSinceCompaction++;
                }
            }
        } catch (ArroyoDecodeException | IllegalArgumentException e) {
            throw new IllegalStateException("queue journal " + file + " is damaged: " + e.getMessage()
                    + "; move it away to start with an empty queue", e);
        }
        if (decoder.pendingBytes() > 0) {
            long complete = content.length - decoder.pendingBytes();
            LOG.warn("Queue journal {} ends in an incomplete command of {} bytes (written when the node stopped abruptly,"
                    + " never acknowledged); dropping it", file, decoder.pendingBytes());
            channel.truncate(complete);
        }
        return queued;
    }

    void put(String message) {
        append(Lhhttt.encode(new QueueCommand.Put(message).text()));
    }

    /** Records a GET; rewrites the file when it mostly holds taken messages. */
    void get(int stillQueuedCount, Supplier<List<String>> stillQueued) {
        append(GET_FRAME);
        getsSinceCompaction++;
        if (getsSinceCompaction >= MIN_GETS_BEFORE_COMPACTION && getsSinceCompaction >= stillQueuedCount) {
            compact(stillQueued.get());
        }
    }

    private void append(byte[] frame) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to queue journal " + file, e);
        }
    }

    private void compact(Collection<String> stillQueued) {
        Path temporary = file.resolveSibling(file.getFileName() + ".compacting");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (String message : stillQueued) {
                    ByteBuffer frame = ByteBuffer.wrap(Lhhttt.encode(new QueueCommand.Put(message).text()));
                    while (frame.hasRemaining()) {
                        out.write(frame);
                    }
                }
                out.force(true);
            }
            channel.close();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            getsSinceCompaction = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact queue journal " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
