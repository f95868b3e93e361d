package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wire vectors msgpack-python and numpy wrote for each wire convention, with what each must
 * decode to ({@code vectors/manifest.json}). They are ground truth: where our code and a vector
 * disagree, the vector is right.
 *
 * <pre>{@code
 * for (InteropVectors.Case vector : InteropVectors.cases("msgpack")) {
 *     ArroyoMessage message = WireFormat.MSGPACK.codec().decode(vector.frameBuffers());
 *     ...
 * }
 * }</pre>
 */
public final class InteropVectors {

    /** One manifest case: its frames' files and what they must decode to. */
    public record Case(String name, String codec, List<Path> frames, JsonNode expect) {

        public List<ByteBuffer> frameBuffers() {
            return frames.stream().map(path -> ByteBuffer.wrap(read(path))).toList();
        }

        public String kind() {
            return expect.path("kind").asText();
        }

        /**
         * The expected fields in their order, without {@code msg_type} (which the kind states);
         * integers as Long, objects as maps, arrays as lists.
         */
        public Map<String, Object> fieldsWithoutType() {
            Map<String, Object> fields = InteropData.JSON.convertValue(expect.get("fields"), new TypeReference<LinkedHashMap<String, Object>>() { });
            Object msgType = fields.remove("msg_type");
            if (msgType != null && !msgType.equals(kind())) {
                throw new AssertionError(name + ": manifest fields say msg_type " + msgType + " but kind " + kind());
            }
            return fields;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private InteropVectors() {
    }

    /** The directory of the vector files and {@code manifest.json}. */
    public static Path directory() {
        return InteropData.directory().resolve("vectors");
    }

    /** One vector file's bytes, e.g. {@code read("sas_start_1.bin")}. */
    public static byte[] read(String fileName) {
        return read(directory().resolve(fileName));
    }

    public static List<Case> cases() {
        Path dir = directory();
        try {
            JsonNode manifest = InteropData.JSON.readTree(dir.resolve("manifest.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode node : manifest.get("cases")) {
                List<Path> frames = new ArrayList<>();
                node.get("frames").forEach(frame -> frames.add(dir.resolve(frame.asText())));
                cases.add(new Case(node.get("name").asText(), node.get("codec").asText(), frames, node.get("expect")));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Case> cases(String codec) {
        return cases().stream().filter(c -> c.codec().equals(codec)).toList();
    }

    public static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame files a manifest names. */
    static List<String> fileNames(byte[] manifest) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode node : InteropData.JSON.readTree(manifest).get("cases")) {
            node.get("frames").forEach(frame -> names.add("vectors/" + frame.asText()));
        }
        return names;
    }
}
