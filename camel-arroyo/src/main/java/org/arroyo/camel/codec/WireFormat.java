package org.arroyo.camel.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire conventions of Arroyo messages, by the names used in URIs, options and the CLI. */
public enum WireFormat {
    /** arroyosas: one msgpack map per message. */
    MSGPACK(new MsgpackCodec()),
    /** timepix: an event is [msgpack header, raw array bytes]. */
    MULTIPART(new MultipartCodec()),
    /** ArroyoXPS / LabVIEW: JSON maps; an event's image is the next frame. */
    JSON(new JsonCodec()),
    /** bytes passed through untouched. */
    RAW(new RawCodec());

    private final MessageCodec codec;

    WireFormat(MessageCodec codec) {
        this.codec = codec;
    }

    public MessageCodec codec() {
        return codec;
    }

    /** The name used in options: {@code msgpack}, {@code multipart}, {@code json}, {@code raw}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the valid formats when the name is none of them
     */
    public static WireFormat fromName(String name) {
        for (WireFormat format : values()) {
            if (format.optionName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown Arroyo wire format '" + name + "', expected one of "
                + Arrays.stream(values()).map(WireFormat::optionName).collect(Collectors.joining(", ")));
    }
}
