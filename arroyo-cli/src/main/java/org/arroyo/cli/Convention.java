package org.arroyo.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.arroyo.camel.codec.ArroyoDecodeException;
import org.arroyo.camel.codec.JsonImageAssembler;
import org.arroyo.camel.codec.Lhhttt;
import org.arroyo.camel.codec.LhhtttDecoder;
import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;

/**
 * How the CLI reads files of one wire convention: which files make one message, and how a message
 * is written back as files. Names as in the interop manifest: msgpack, multipart, json, json+raw,
 * raw, lhhttt.
 */
enum Convention {
    /** Each file one message. */
    MSGPACK, JSON, RAW,
    /** All files are the frames of one message, in order. */
    MULTIPART,
    /** The files are a stream: start, event header, image, ... paired as a listener pairs them. */
    JSON_RAW,
    /** Each file holds one or more LHHTTT frames of text. */
    LHHTTT;

    /** One decoded unit and the files it came from (in frame order). */
    record Decoded(ArroyoMessage message, String text, List<NamedFrame> sources) {
    }

    /** A file's name and bytes. */
    record NamedFrame(String name, byte[] bytes) {
    }

    static Convention fromName(String name) {
        for (Convention convention : values()) {
            if (convention.cliName().equals(name)) {
                return convention;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "', expected one of msgpack, multipart, json, json+raw, raw, lhhttt");
    }

    String cliName() {
        return this == JSON_RAW ? "json+raw" : name().toLowerCase(Locale.ROOT);
    }

    /** Everything the files hold, in order. */
    List<Decoded> decode(List<NamedFrame> files) {
        List<Decoded> decoded = new ArrayList<>();
        switch (this) {
            case MULTIPART -> decoded.add(new Decoded(
                    within(files, () -> WireFormat.MULTIPART.codec().decode(buffers(files))), null, files));
            case JSON_RAW -> decodeStream(files, decoded);
            case LHHTTT -> files.forEach(file -> texts(file).forEach(text -> decoded.add(new Decoded(null, text, List.of(file)))));
            default -> files.forEach(file -> decoded.add(new Decoded(
                    within(List.of(file), () -> WireFormat.valueOf(name()).codec().decode(file.bytes())), null, List.of(file))));
        }
        return decoded;
    }

    /** The frames a decoded unit re-encodes to, one per source file. */
    List<byte[]> encode(Decoded decoded) {
        if (this == LHHTTT) {
            throw new IllegalStateException("LHHTTT files are re-encoded whole");
        }
        WireFormat format = this == JSON_RAW ? WireFormat.JSON : WireFormat.valueOf(name());
        return format.codec().encode(decoded.message());
    }

    private static void decodeStream(List<NamedFrame> files, List<Decoded> decoded) {
        JsonImageAssembler assembler = new JsonImageAssembler();
        List<NamedFrame> pending = new ArrayList<>();
        for (NamedFrame file : files) {
            pending.add(file);
            within(List.of(file), () -> assembler.accept(ByteBuffer.wrap(file.bytes())))
                    .ifPresent(message -> {
                        decoded.add(new Decoded(message, null, List.copyOf(pending)));
                        pending.clear();
                    });
        }
        if (!pending.isEmpty()) {
            throw new IllegalArgumentException(pending.get(0).name() + ": event header without its image");
        }
    }

    static List<String> texts(NamedFrame file) {
        return within(List.of(file), () -> {
            LhhtttDecoder decoder = new LhhtttDecoder(Lhhttt.DEFAULT_MAX_TEXT_BYTES);
            List<String> texts = decoder.feed(ByteBuffer.wrap(file.bytes()));
            if (decoder.pendingBytes() > 0) {
                throw new ArroyoDecodeException("incomplete LHHTTT frame in the last " + decoder.pendingBytes() + " bytes", -1);
            }
            return texts;
        });
    }

    private static List<ByteBuffer> buffers(List<NamedFrame> files) {
        return files.stream().map(file -> ByteBuffer.wrap(file.bytes())).toList();
    }

    private interface Decoding<T> {
        T run();
    }

    /** Names the file(s) in a decode error, so the one-line message says which input is bad. */
    private static <T> T within(List<NamedFrame> files, Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (ArroyoDecodeException e) {
            String names = String.join(" + ", files.stream().map(NamedFrame::name).toList());
            throw new IllegalArgumentException(names + ": " + e.getMessage(), e);
        }
    }
}
