package org.arroyo.benchmarks;

import java.util.concurrent.TimeUnit;

import org.arroyo.camel.codec.MessageCodec;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The msgpack (arroyosas) codec on a 4 MiB detector frame: what a pipeline pays per event to decode and re-encode it,
 * against the least any stage that hands on a new frame pays, one plain copy of the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    static final int FRAME_KIB = 4096;
    private static final MessageCodec MSGPACK = WireFormat.MSGPACK.codec();

    /** The frame size in KiB: 4 MiB in the codecs scenario; {@code -p frameKib=1} gives the 1,118-byte event. */
    @Param({ "" + FRAME_KIB })
    public int frameKib;

    private byte[] frame;
    private ArroyoMessage event;

    @Setup
    public void encodeOneEvent() {
        frame = BenchFrames.ofFrameKib(frameKib).event(BenchFrames.nowEpochNanos());
        event = MSGPACK.decode(frame);
    }

    @Benchmark
    public byte[] plainCopy() {
        return frame.clone();
    }

    @Benchmark
    public byte[] decodeEncode() {
        return MSGPACK.encodeFrame(MSGPACK.decode(frame));
    }

    @Benchmark
    public ArroyoMessage decode() {
        return MSGPACK.decode(frame);
    }

    @Benchmark
    public byte[] encode() {
        return MSGPACK.encodeFrame(event);
    }
}
