package org.arroyo.camel.operator;

import java.util.Map;
import java.util.TreeMap;

/**
 * The frame numbers of one run as they arrive: what is missing is kept as ranges (gaps), so memory grows with the
 * number of open gaps, not with the number of frames. Not thread safe: {@link FrameCheck} guards it.
 */
final class FrameSequence {

    private final String run;
    /** The open gaps: first missing number to last missing number. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long lowest = -1;
    private long highest = -1;
    private long frames;
    private long gapsOpened;
    private long missing;
    private long duplicates;
    private long outOfOrder;
    private long unnumbered;
    private Long declared;

    FrameSequence(String run) {
        this.run = run;
    }

    /** Notes a frame number (at least 0). */
    void arrived(long frame) {
        if (frames == 0) {
            lowest = highest = frame;
        } else if (frame > highest) {
            if (frame > highest + 1) {
                opened(highest + 1, frame - 1);
            }
            highest = frame;
        } else if (frame < lowest) {
            outOfOrder++;
            if (frame < lowest - 1) {
                opened(frame + 1, lowest - 1);
            }
            lowest = frame;
        } else {
            Map.Entry<Long, Long> gap = gaps.floorEntry(frame);
            if (gap == null || gap.getValue() < frame) {
                duplicates++;
                return;
            }
            filled(gap.getKey(), gap.getValue(), frame);
        }
        frames++;
    }

    /** Notes an event without a frame number. */
    void unnumbered() {
        unnumbered++;
    }

    /** Notes the stop's frame count (null when it gave none). */
    void stopped(Long count) {
        declared = count;
    }

    FrameCount count() {
        return new FrameCount(run, frames, gapsOpened, missing, duplicates, outOfOrder, unnumbered, declared);
    }

    /** The first open gap, e.g. {@code 17-18} or {@code 40}, or null. */
    String firstGap() {
        Map.Entry<Long, Long> gap = gaps.firstEntry();
        return gap == null ? null : gap.getKey().equals(gap.getValue()) ? gap.getKey().toString() : gap.getKey() + "-" + gap.getValue();
    }

    private void opened(long first, long last) {
        gaps.put(first, last);
        gapsOpened++;
        missing += last - first + 1;
    }

    private void filled(long first, long last, long frame) {
        gaps.remove(first);
        if (first < frame) {
            gaps.put(first, frame - 1);
        }
        if (frame < last) {
            gaps.put(frame + 1, last);
        }
        missing--;
        outOfOrder++;
    }
}
