package org.arroyo.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.DocsPage.Block;

/**
 * How each fenced block of docs/ is answered for. The one list of blocks that no test runs or validates is
 * {@link #NOT_RUN}, each with its reason; every other block is run or validated, as {@link #howTested} finds:
 * <ul>
 * <li>each line of a Java block is code of one test source of some module (white space aside), so the compiler and that
 * test run it;</li>
 * <li>a block that a test takes from its page: by language and a text it holds ({@link DocsPage#block}), by language
 * and name ({@link DocsPage#named}), with every block of its language ({@link DocsPage#blocks(String)}) or every file
 * the page shows ({@link DocsPage#files}); the page is the one named by the {@code DocsPage.of} call before the call in
 * the test source;</li>
 * <li>a YAML or XML block no test takes is checked by {@link DocsRoutesTest} with {@code arroyo validate}: its routes
 * built, not started.</li>
 * </ul>
 */
final class DocsCoverage {

    /** A block no test runs or validates: on this page, of this fence language, holding this text (every such block when null). */
    record NotRun(String page, String language, String containing, String reason) {

        boolean covers(Block block) {
            return block.page().equals(page) && block.language().equals(language)
                    && (containing == null || block.text().contains(containing));
        }
    }

    static final List<NotRun> NOT_RUN = List.of(
            new NotRun("brokers.md", "xml", "<artifactId>arroyo-brokers</artifactId>", "Maven dependencies, not routes"),
            new NotRun("zeromq-component.md", "xml", "<artifactId>camel-zeromq</artifactId>", "a Maven dependency, not routes"),
            new NotRun("testing.md", "xml", "<artifactId>arroyo-test</artifactId>", "a Maven dependency, not routes"),
            new NotRun("tracing.md", "xml", "<artifactId>arroyo-tracing</artifactId>", "a Maven dependency, not routes"),
            new NotRun("operations.md", "xml", "<artifactId>camel-platform-http-main</artifactId>", "Maven dependencies, not routes"),
            new NotRun("zocalo.md", "xml", "<broker xmlns=\"http://activemq.apache.org/schema/core\"",
                    "an ActiveMQ broker's activemq.xml, not routes; ActiveMqBroker sets the same policy in the tests"),
            new NotRun("dsl.md", "yaml", "      - to:\n          uri: kamelet:arroyo-partition-sink",
                    "a step to put in a route, not a route; KameletsTest runs the partition sink"),
            new NotRun("dsl.md", "java", "public Tagger(String label) { ... }", "the outline of an operator, its bodies elided"),
            new NotRun("cli.md", "", null, "usage lines and shell sessions shown with their output; the arroyo-cli tests run each command"),
            new NotRun("dsl.md", "", "blocks.yaml: not valid YAML", "error messages; BlocksRouteBuilderTest asserts each"),
            new NotRun("zeromq-component.md", "", "zeromq:SOCKETTYPE:ADDRESS", "the URI syntax, not a URI"),
            new NotRun("brokers.md", "", "deadLetterExchange=frames.dlx", "a listener URI in the text; SpringRabbitMqPipelineTest listens on such URIs"),
            new NotRun("zocalo.md", "", "arroyo dlq check", "a shell session with its output; ZocaloToolsCommandsTest runs each command"),
            new NotRun("performance.md", "", null, "a console table of results, not a command"),
            new NotRun("performance.md", "bash", null, "the benchmark runs: minutes long, on a quiet machine; SessionTest and RunSpecTest run short sessions and check the plans"),
            new NotRun("testing.md", "bash", "sudo apt-get install", "installs the test prerequisites; build/test runs the same install"),
            new NotRun("testing.md", "bash", "./mvnw -Pfuzz", "the fuzz profile itself, run by .ci/run"),
            new NotRun("example.md", "bash", null, "Maven running the example, as ExampleApplicationTest and ExampleBrokerProfilesTest run it in the JVM"),
            new NotRun("streampy.md", "bash", "exec.mainClass=org.arroyo.example.streampy.PingPong",
                    "Maven running the ping-pong example, as StreamPyDemosTest runs it in the JVM"),
            new NotRun("zocalo.md", "json", "\"custom_recipe\"", "a processing_recipe request as python-workflows writes it; ZocaloDispatcherTest sends such requests"),
            new NotRun("zocalo.md", "json", "\"statustext\"", "a status message as python-workflows writes it; ZocaloTransportTest and ZocaloActiveMqTest read the ones a service sends"),
            new NotRun("dsl.md", "properties", null, "one configuration key, shown in the text"),
            new NotRun("camel.md", "properties", "camel.main.shutdownTimeout = 10",
                    "one configuration key; the example's application.properties sets it, ExampleApplicationTest runs it"),
            new NotRun("dsl.md", "", "saxs: run demo-0001 started:", "log lines as a pipeline writes them; PipelineProgressTest asserts their form"),
            new NotRun("zeromq-component.md", "properties", null, "placeholders for CURVE keys, not real keys"),
            new NotRun("deployment.md", "ini", "[Service]",
                    "a systemd unit: the build machine runs no systemd; its ExecStart is `arroyo run` of the packaged jar, as the arroyo-cli tests run it"));

    private static final Pattern PAGE = Pattern.compile("DocsPage\\.of\\(\"([^\"]+)\"\\)");
    /** A test's call taking blocks of a page: block(language, text), named(language, name), blocks(language), files(). */
    private static final Pattern BLOCK_CALL = Pattern.compile(
            "\\.(block|named|blocks|files)\\((?:\"(\\w*)\"(?:,\\s*\"((?:[^\"\\\\]|\\\\.)*)\")?)?\\)");

    private final List<Path> testSources;
    private final List<String> sources;
    private final List<Block> takenByTests = new ArrayList<>();

    DocsCoverage() {
        Path root = DocsPage.projectRoot();
        try (Stream<Path> files = Files.walk(root)) {
            testSources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> root.relativize(file).toString().matches("[^/]+/src/test/java/.*")).sorted().toList();
            sources = new ArrayList<>();
            for (Path file : testSources) {
                sources.add(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sources.forEach(this::collectBlockCalls);
    }

    /** Whether a test takes the block from its page (and runs it). */
    boolean isTakenByATest(Block block) {
        return takenByTests.contains(block);
    }

    /** How the block is run or validated, or empty when no test answers for it. */
    Optional<String> howTested(Block block) {
        if (isTakenByATest(block)) {
            return Optional.of("taken by a test");
        }
        if (block.language().equals("java")) {
            for (int i = 0; i < sources.size(); i++) {
                if (block.linesAreIn(sources.get(i))) {
                    return Optional.of("code of " + testSources.get(i));
                }
            }
        }
        if (DocsRoutesTest.validates(block)) {
            return Optional.of("validated by DocsRoutesTest");
        }
        return Optional.empty();
    }

    static Optional<NotRun> notRun(Block block) {
        return NOT_RUN.stream().filter(entry -> entry.covers(block)).findFirst();
    }

    /** The blocks the test sources take by page and text: each .block("language", "text") of the page last named before it. */
    private void collectBlockCalls(String source) {
        Matcher call = BLOCK_CALL.matcher(source);
        while (call.find()) {
            String page = null;
            Matcher named = PAGE.matcher(source.substring(0, call.start()));
            while (named.find()) {
                page = named.group(1);
            }
            if (page != null) {
                takenByTests.addAll(taken(DocsPage.of(page), call));
            }
        }
    }

    private static List<Block> taken(DocsPage page, Matcher call) {
        return switch (call.group(1)) {
            case "block" -> List.of(page.block(call.group(2), unescaped(call.group(3))));
            case "named" -> List.of(page.named(call.group(2), unescaped(call.group(3))));
            case "blocks" -> page.blocks(call.group(2));
            default -> page.blocks().stream().filter(block -> page.files().containsKey(block.name())).toList();
        };
    }

    private static String unescaped(String javaString) {
        return javaString.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
