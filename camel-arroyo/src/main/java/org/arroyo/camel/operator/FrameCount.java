package org.arroyo.camel.operator;

/**
 * What a frame check counted in one run, as its stop summary says it.
 *
 * @param run        the run's id, or {@code ?} when its start named none (or none was seen)
 * @param frames     distinct frame numbers that arrived
 * @param gaps       times a frame came more than one after the highest before it (a gap opened)
 * @param missing    frame numbers between the run's lowest and highest that have not arrived
 * @param duplicates frames whose number had arrived before
 * @param outOfOrder frames that arrived after a higher number (each fills a gap)
 * @param unnumbered events without a whole number in the frame field, not checked
 * @param declared   the frame count the stop gave, or null (no stop yet, or it gave none)
 */
public record FrameCount(String run, long frames, long gaps, long missing, long duplicates, long outOfOrder,
                         long unnumbered, Long declared) {

    /** Whether the stop gave a frame count other than the number of frames that arrived. */
    public boolean countMismatch() {
        return declared != null && declared != frames;
    }

    /** Whether the run is losing frames: some are missing, or its stop counted more than arrived. */
    public boolean losing() {
        return missing > 0 || declared != null && declared > frames;
    }

    /** Whether nothing is wrong with the sequence. */
    public boolean inSequence() {
        return gaps == 0 && duplicates == 0 && outOfOrder == 0 && unnumbered == 0 && !countMismatch();
    }

    /** The summary as the stop's log line says it, e.g. {@code 98 arrived, 1 gap (2 missing), 1 duplicate, ...}. */
    @Override
    public String toString() {
        return frames + " arrived, " + gaps + (gaps == 1 ? " gap" : " gaps") + " (" + missing + " missing), "
                + duplicates + (duplicates == 1 ? " duplicate, " : " duplicates, ") + outOfOrder + " out of order, "
                + unnumbered + " unnumbered" + (declared == null ? ", no frame count in the stop" : ", the stop says " + declared);
    }
}
