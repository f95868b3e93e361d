package org.arroyo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.arroyo.camel.codec.WireFormat;
import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.NdArray;
import org.arroyo.cli.ArroyoCliTest.Result;
import org.arroyo.test.Tagger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * arroyo run, validate, list-blocks and tap, in-process, on the SAXS sample scan in files: the same
 * pipeline as a YAML and an XML route file (arroyo-pipeline template) and as an arroyopy blocks file.
 */
class PipelineCommandsTest {

    static final Path SAMPLES = Path.of("../samples/saxs-scan").toAbsolutePath().normalize();
    static final Path PIPELINES = Path.of("src/test/resources/pipelines");

    @TempDir
    Path dir;

    /** What the pipeline writes for the sample scan: the Tagger's outputs, by file name. */
    static Map<String, String> expectedOutputs() throws Exception {
        Tagger tagger = new Tagger("saxs");
        tagger.setCopies(2);
        Map<String, String> outputs = new TreeMap<>();
        for (Path sample : samples()) {
            List<? extends ArroyoMessage> tagged = tagger.apply(WireFormat.MSGPACK.codec().decode(Files.readAllBytes(sample)));
            String name = sample.getFileName().toString().replace(".msgpack", "");
            for (int i = 0; i < tagged.size(); i++) {
                outputs.put(name + "-" + i + ".msgpack", HexFormat.of().formatHex(WireFormat.MSGPACK.codec().encodeFrame(tagged.get(i))));
            }
        }
        assertThat(outputs).as("start, 3 frames twice, stop").hasSize(8);
        return outputs;
    }

    static Map<String, String> filesIn(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(directory)) {
            for (Path file : listed.toList()) {
                files.put(file.getFileName().toString(), HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.sorted().toList();
        }
    }

    private Object[] withDirs(Object... args) {
        return Stream.concat(Stream.of(args), Stream.of("-D", "in.dir=" + SAMPLES, "-D", "out.dir=" + dir.resolve("out"))).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = { "saxs.yaml", "saxs.xml", "blocks.yaml" })
    void runPublishesWhatTheOperatorMakesOfTheScan(String pipeline) throws Exception {
        Result result = arroyo(withDirs("run", PIPELINES.resolve(pipeline),
                "-D", "camel.main.duration-max-idle-seconds=2", "-D", "camel.main.duration-max-seconds=30"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(filesIn(dir.resolve("out"))).isEqualTo(expectedOutputs());
    }

    @Test
    @Timeout(60) // nothing else stops this run: it ends when the limit is reached, or never
    void maxMessagesCountsTheListenersMessagesEvenWhenTheOperatorMakesSeveralOfEach() throws Exception {
        // each scan file gives two published messages; the limit is the number of files
        Result result = arroyo(withDirs("run", PIPELINES.resolve("saxs.yaml"),
                "-D", "camel.main.duration-max-messages=" + samples().size()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(filesIn(dir.resolve("out"))).as("stopped after the last file, with all its outputs")
                .isEqualTo(expectedOutputs());
    }

    @ParameterizedTest
    @ValueSource(strings = { "saxs.yaml", "saxs.xml", "blocks.yaml" })
    void validateBuildsTheRoutesWithoutRunningThem(String pipeline) {
        Result result = arroyo(withDirs("validate", PIPELINES.resolve(pipeline)));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(PIPELINES.resolve(pipeline) + ": valid, 1 route: saxs\n");
        assertThat(dir.resolve("out")).as("nothing ran").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bad.yaml | "- route:\\n    id: r\\n    from:\\n      uri: direct:in\\n      steps:\\n        - to: nosuch:thing" | route r: No endpoint could be found for: nosuch://thing
            bad.yaml | "- route:\\n    from:\\n      uri: direct:in\\n     steps: [" | not valid YAML: expected <block end>, but found '<block mapping start>' (line 4, column 6)
            bad.yaml | "- route:\\n    from:\\n      uri: direct:in\\n      steps:\\n        - too: log:x" | Unknown node id: too (line 5, column 11)
            bad.xml  | "<routes xmlns='http://camel.apache.org/schema/xml-io'>\\n  <route><from uri='direct:in'/>\\n</routes>" | end tag name </routes> must match start tag name <route>
            bad.yaml | "- templatedRoute:\\n    routeTemplateRef: arroyo-pipeline\\n    parameters:\\n      - {name: pipeline, value: p}\\n      - {name: listener, value: direct:in}\\n      - {name: operator, value: reduction}" | No bean could be found in the registry for: reduction of type: org.arroyo.camel.operator.Operator
            bad.yaml | "- templatedRoute:\\n    routeTemplateRef: arroyo-pipeline\\n    parameters:\\n      - {name: pipeline, value: p}\\n      - {name: listener, value: direct:in}\\n      - {name: publishers, value: 'log:fine, nosuch:x'}" | pipeline p: publisher nosuch:x: No endpoint could be found for: nosuch://x
            bad.yaml | "blocks:\\n  - name: saxs\\n    operator: {class: org.example.Reduction}\\n    listeners: [direct:in]" | block 'saxs': class org.example.Reduction is not on the classpath; add the jar or classes directory that holds it with --classpath
            bad.yaml | "- beans:\\n    - name: reduction\\n      type: org.example.FrameMeanMax\\n- templatedRoute:\\n    routeTemplateRef: arroyo-pipeline\\n    parameters:\\n      - {name: pipeline, value: p}\\n      - {name: listener, value: direct:in}\\n      - {name: operator, value: reduction}" | class org.example.FrameMeanMax is not on the classpath; add the jar or classes directory that holds it with --classpath
            bad.yaml | "blocks:\\n  - name: saxs\\n    operator: {klass: org.example.FrameMeanMax}\\n    listeners: [direct:in]" | block 'saxs': unknown key 'klass' in operator (expected bean, class, args, kwargs)
            bad.yaml | "blocks:\\n  - name: saxs\\n    operator: {class: org.arroyo.test.Tagger, args: [saxs]}\\n    publishers: [log:out]" | block 'saxs': needs at least one listener (a Camel endpoint URI under 'listeners')
            bad.yaml | "blocks:\\n  - name: saxs\\n    listeners: [direct:in]\\n    publishers: ['zeromq:PUSH:tcp://*:6000?bnd=true']" | pipeline saxs: publisher zeromq:PUSH:tcp://*:6000?bnd=true: unknown option 'bnd'; the zeromq options are allowedClients, bind, 
            bad.txt  | "blocks: []" | expected a route file (.xml, .yaml, .yml) or a blocks file (.yaml)
            """)
    void aBadFileIsOneLineNamingTheFileAndTheProblem(String name, String content, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content.replace("\\n", "\n"));

        Result validate = arroyo("validate", file);
        Result run = arroyo("run", file, "-D", "camel.main.duration-max-seconds=20");

        for (Result result : List.of(validate, run)) {
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("arroyo: " + file + ": " + problem).endsWith("\n")
                    .as("one line").hasLineCount(1);
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Result result = arroyo("validate", dir.resolve("nothere.yaml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("arroyo: " + dir.resolve("nothere.yaml") + ": no such file\n");
    }

    @Test
    void listBlocksPrintsOneLinePerBlockAsWritten() {
        Result result = arroyo("list-blocks", PIPELINES.resolve("blocks.yaml"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("saxs\torg.arroyo.test.Tagger"
                + "\tfile:{{in.dir}}?noop=true&sortBy=file:name&initialDelay=0"
                + "\tfile:{{out.dir}}?fileName=${file:onlyname.noext}-${exchangeProperty.ArroyoOutputIndex}.msgpack\n");
    }

    @Test
    void listBlocksOfARouteFileSaysItIsNoBlocksFile() {
        Result result = arroyo("list-blocks", PIPELINES.resolve("saxs.yaml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("arroyo: " + PIPELINES.resolve("saxs.yaml") + ": expected a top-level 'blocks' list\n");
    }

    /** A file listener's URI for the sample scan with a file of this text after its second event. */
    private String samplesWithNoise(String noise) throws IOException {
        Path stream = Files.createDirectories(dir.resolve("stream"));
        for (Path sample : samples()) {
            Files.copy(sample, stream.resolve(sample.getFileName()));
        }
        Files.writeString(stream.resolve("2b-noise.msgpack"), noise);
        return "file:" + stream + "?noop=true&sortBy=file:name&initialDelay=0";
    }

    @Test
    void tapPrintsEachMessageOnOneLineAndStopsAfterCount() throws IOException {
        Result result = arroyo("tap", samplesWithNoise("not a message"), "--count", 6);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().split("\n")).containsExactly(
                "start run=demo-0001",
                "event run=demo-0001 frame=0 array=uint16[16,16] exposure_s=0.1",
                "event run=demo-0001 frame=1 array=uint16[16,16] exposure_s=0.1",
                "undecodable: expected a msgpack map, found integer; the bytes look like UTF-8 text (\"not a message\"),"
                        + " not msgpack (at byte offset 0)",
                "event run=demo-0001 frame=2 array=uint16[16,16] exposure_s=0.1",
                "stop  run=demo-0001");
    }

    @Test
    void tapShowsAnEventsFieldsShortened() throws IOException {
        Path stream = Files.createDirectories(dir.resolve("stream"));
        Files.write(stream.resolve("event.msgpack"), WireFormat.MSGPACK.codec().encodeFrame(Event.of(
                Map.of("frame_number", 7, "note", "n".repeat(100)), NdArray.ofUint16(new int[] { 1, 2, 3, 4 }, 2, 2))));

        Result result = arroyo("tap", "file:" + stream + "?noop=true&initialDelay=0", "--count", 1);

        assertThat(result.out()).as(result.err())
                .isEqualTo("event run=? frame=7 array=uint16[2,2] note=" + "n".repeat(37) + "...\n");
    }

    @Test
    void tapJsonPrintsOneJsonObjectPerMessage() throws IOException {
        Result tap = arroyo("tap", samplesWithNoise("{\"msg_type\": \"event\"}"), "--count", 6, "--json");
        Result decode = arroyo(Stream.concat(Stream.of("decode", "--format", "msgpack"), samples().stream()).toArray());

        assertThat(tap.exitCode()).as(tap.err()).isZero();
        List<String> lines = tap.out().lines().toList();
        assertThat(lines).as("what arroyo decode prints, with the undecodable message in its place")
                .containsExactly(Stream.of(decode.out().lines().limit(3), Stream.of("{\"undecodable\":\"expected a msgpack map, found integer;"
                        + " the bytes look like JSON text: use format json (or json+raw for ArroyoXPS) (at byte offset 0)\"}"), decode.out().lines().skip(3)).flatMap(s -> s).toArray(String[]::new));
    }

    @Test
    void tapOfAnUnknownComponentIsOneLineNamingTheUri() {
        Result result = arroyo("tap", "zeromg:PULL:tcp://127.0.0.1:5555");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("arroyo: zeromg:PULL:tcp://127.0.0.1:5555: No endpoint could be found for: "
                + "zeromg://PULL:tcp://127.0.0.1:5555, please check your classpath contains the needed Camel component jar.\n");
    }

    @Test
    void tapRefusesACountBelowOne() {
        Result result = arroyo("tap", "direct:nothing", "--count", 0);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("arroyo: --count must be at least 1, not 0\n");
    }
}
