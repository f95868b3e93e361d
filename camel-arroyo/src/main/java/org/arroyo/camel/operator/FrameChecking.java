package org.arroyo.camel.operator;

/**
 * The settings of a pipeline's frame check ({@link FrameCheck}): the event metadata field that numbers the frames, and
 * the stop field that says how many frames the run had. They default to {@value #DEFAULT_FIELD} and
 * {@value #DEFAULT_COUNT_FIELD}.
 */
public record FrameChecking(String field, String countField) {

    public static final String DEFAULT_FIELD = "frame_number";
    public static final String DEFAULT_COUNT_FIELD = "num_frames";

    /** Frames numbered in {@value #DEFAULT_FIELD}, counted in the stop's {@value #DEFAULT_COUNT_FIELD}. */
    public static final FrameChecking DEFAULTS = new FrameChecking(null, null);

    public FrameChecking {
        field = field == null || field.isBlank() ? DEFAULT_FIELD : field.strip();
        countField = countField == null || countField.isBlank() ? DEFAULT_COUNT_FIELD : countField.strip();
    }

    /** Frames numbered in this event metadata field, counted in the stop's {@value #DEFAULT_COUNT_FIELD}. */
    public static FrameChecking ofField(String field) {
        return new FrameChecking(field, null);
    }
}
