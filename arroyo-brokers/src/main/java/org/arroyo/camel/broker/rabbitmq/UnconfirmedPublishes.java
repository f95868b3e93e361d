package org.arroyo.camel.broker.rabbitmq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The deliveries of one channel's publishes that the broker has not confirmed yet, in publish order. Sequence numbers
 * only grow and the broker mostly confirms the oldest first, so a row costs less per publish than a sorted map.
 */
final class UnconfirmedPublishes {

    private record Publish(long sequence, Delivery delivery) {
    }

    private final ArrayDeque<Publish> row = new ArrayDeque<>();

    synchronized void add(long sequence, Delivery delivery) {
        row.addLast(new Publish(sequence, delivery));
    }

    /** Takes back a publish that failed; false when a confirm or the channel's end took it already. */
    synchronized boolean remove(long sequence) {
        for (Iterator<Publish> newestFirst = row.descendingIterator(); newestFirst.hasNext(); ) {
            if (newestFirst.next().sequence() == sequence) {
                newestFirst.remove();
                return true;
            }
        }
        return false;
    }

    /** Takes the deliveries a confirm is for: this publish, or with {@code multiple} every one up to it. */
    synchronized List<Delivery> confirmed(long sequence, boolean multiple) {
        List<Delivery> confirmed = new ArrayList<>();
        if (multiple) {
            while (!row.isEmpty() && row.peekFirst().sequence() <= sequence) {
                confirmed.add(row.pollFirst().delivery());
            }
        } else if (!row.isEmpty() && row.peekFirst().sequence() == sequence) {
            confirmed.add(row.pollFirst().delivery());
        } else {
            row.removeIf(publish -> publish.sequence() == sequence && confirmed.add(publish.delivery()));
        }
        return confirmed;
    }

    /** Takes every delivery still waiting (the channel closed). */
    synchronized List<Delivery> takeAll() {
        List<Delivery> all = new ArrayList<>(row.size());
        row.forEach(publish -> all.add(publish.delivery()));
        row.clear();
        return all;
    }
}
