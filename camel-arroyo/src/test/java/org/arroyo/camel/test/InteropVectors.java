package org.arroyo.camel.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.camel.message.Values;

/**
 * The wire vectors the Python peers produced, read from {@code ../shared/interop/vectors} (never
 * copied into the project). A missing directory fails the test that asks for it.
 */
public final class InteropVectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One manifest case: its frames' files and what they must decode to. */
    public record Case(String name, String codec, List<Path> frames, JsonNode expect) {

        public List<ByteBuffer> frameBuffers() {
            return frames.stream().map(path -> ByteBuffer.wrap(read(path))).toList();
        }

        public String kind() {
            return expect.path("kind").asText();
        }

        /** The expected fields, without {@code msg_type} (which the kind states), integers as Long. */
        public Map<String, Object> fieldsWithoutType() {
            Map<String, Object> fields = new LinkedHashMap<>(Values.freeze(JSON.convertValue(expect.get("fields"), Map.class)));
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

    /** The shared directory: system property {@code arroyo.shared.dir}, else {@code ../../shared}. */
    public static Path sharedDir() {
        Path dir = Path.of(System.getProperty("arroyo.shared.dir", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("interop"))) {
            throw new AssertionError("interop data not found at " + dir.resolve("interop")
                    + ": the shared directory must sit beside the project checkout (or set -Darroyo.shared.dir)");
        }
        return dir;
    }

    public static Path vectorsDir() {
        return sharedDir().resolve("interop/vectors");
    }

    public static List<Case> cases() {
        Path dir = vectorsDir();
        try {
            JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
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
}
