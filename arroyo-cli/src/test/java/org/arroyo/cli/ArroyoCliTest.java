package org.arroyo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.arroyo.test.infra.InteropVectors;
import org.arroyo.test.infra.InteropVectors.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The arroyo command run on the Python peers' vectors. */
class ArroyoCliTest {

    /** Integers as Long, as the manifest's expectations are read. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    record Result(int exitCode, String out, String err) {
        List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.strip().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }

    static Result arroyo(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArroyoCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                Stream.of(args).map(Object::toString).toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    static Stream<Case> cases() {
        return InteropVectors.cases().stream();
    }

    static Object[] decodeArgs(Case vector, Object command) {
        List<Object> args = new ArrayList<>(List.of(command, "--format", vector.codec()));
        args.addAll(vector.frames());
        return args.toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodePrintsWhatTheManifestSays(Case vector) throws IOException {
        Result result = arroyo(decodeArgs(vector, "decode"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> lines = result.lines();
        JsonNode last = lines.get(lines.size() - 1);
        if (vector.codec().equals("lhhttt")) {
            assertThat(lines).hasSize(1);
            assertThat(last.get("text")).isEqualTo(vector.expect().get("text"));
            return;
        }
        assertThat(lines).hasSize(vector.codec().equals("json+raw") ? 2 : 1);
        assertThat(last.get("type").asText()).isEqualTo(vector.kind());
        assertThat(JSON.convertValue(last.get("fields"), Map.class)).isEqualTo(vector.fieldsWithoutType());
        assertThat(last.get("array")).isEqualTo(vector.expect().get("array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recodeWritesIdenticalBytesOrEqualJson(Case vector, @TempDir Path out) throws IOException {
        List<Object> args = new ArrayList<>(List.of(decodeArgs(vector, "recode")));
        args.addAll(List.of("--out", out));

        Result result = arroyo(args.toArray());

        assertThat(result.exitCode()).as(result.err()).isZero();
        for (Path frame : vector.frames()) {
            byte[] original = Files.readAllBytes(frame);
            byte[] recoded = Files.readAllBytes(out.resolve(frame.getFileName()));
            if (vector.codec().startsWith("json") && original.length > 0 && original[0] == '{') {
                assertThat(JSON.readTree(recoded)).isEqualTo(JSON.readTree(original));
            } else {
                assertThat(recoded).as(frame.getFileName().toString()).isEqualTo(original);
            }
        }
    }

    @Test
    void badInputExitsNonZeroWithOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("truncated.bin");
        byte[] event = InteropVectors.read("sas_event_1_uint16.bin");
        Files.write(truncated, java.util.Arrays.copyOf(event, 40));

        Result result = arroyo("decode", "--format", "msgpack", truncated);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("arroyo: truncated.bin: binary declares 64 bytes but only");
    }

    @Test
    void unknownFormatAndMissingFileAreOneLineErrors(@TempDir Path dir) {
        Result unknown = arroyo("decode", "--format", "hdf5", dir.resolve("x"));
        Result missing = arroyo("decode", "--format", "msgpack", dir.resolve("missing.bin"));

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("arroyo: unknown format 'hdf5', expected one of msgpack");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("missing.bin: no such file");
    }

    /** The example of docs/cli.md: text and JSON given as msgpack. */
    @Test
    void decodeOfTextOrJsonSaysWhatTheBytesLookLike(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "beamline 7.3.3 notes\n");
        Path json = Files.writeString(dir.resolve("xps-start.json"), "{\"msg_type\": \"start\", \"data_type\": \"U16\"}");

        Result text = arroyo("decode", "--format", "msgpack", notes);
        Result start = arroyo("decode", "--format", "msgpack", json);

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).isEqualTo("arroyo: notes.txt: expected a msgpack map, found integer; the bytes look like UTF-8 text"
                + " (\"beamline 7.3.3 notes\"), not msgpack (at byte offset 0)\n");
        assertThat(start.err()).isEqualTo("arroyo: xps-start.json: expected a msgpack map, found integer; the bytes look like"
                + " JSON text: use format json (or json+raw for ArroyoXPS) (at byte offset 0)\n");
    }
}
