package org.arroyo.benchmarks;

/**
 * The two payloads of the issue: arroyosas events of 1,118 bytes (a 1 KiB frame) and of 4 MiB frames. The high water
 * mark of every socket keeps at most 32 MiB or 200 events in each queue: large frames cannot fill a 512 MiB heap, and
 * a short run still holds many times what the queues hold.
 */
enum Payload {

    SMALL(1),
    LARGE(4096);

    private static final long QUEUE_BYTES = 32L << 20;
    private static final int MAX_HWM = 200;

    private final int frameKib;

    Payload(int frameKib) {
        this.frameKib = frameKib;
    }

    int frameKib() {
        return frameKib;
    }

    int eventBytes() {
        return BenchFrames.ofFrameKib(frameKib).eventBytes();
    }

    int hwm() {
        return (int) Math.max(2, Math.min(MAX_HWM, QUEUE_BYTES / eventBytes()));
    }

    String label() {
        int bytes = eventBytes();
        return bytes < (1 << 20) ? String.format("%,d B", bytes) : String.format("%d MiB", bytes >> 20);
    }
}
