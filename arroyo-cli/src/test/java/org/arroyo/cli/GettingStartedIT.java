package org.arroyo.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.arroyo.test.infra.DocsPage;
import org.arroyo.test.infra.PythonPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/getting-started.md, step by step, as a user runs it: its files written as the page shows them, its project built
 * by Maven, the pipeline run by bin/arroyo, fed by the page's Python sender and watched by arroyo tap, the output
 * compared with the page's. Where the user has camel-arroyo installed in the local Maven repository, the build gets
 * this reactor's jars from a temporary repository in front of the one this build uses (Maven's chained local
 * repository), so nothing is installed anywhere. Free ports stand in for 5555 and 5556.
 */
class GettingStartedIT {

    private static final DocsPage PAGE = DocsPage.of("getting-started.md");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The page's commands, in order: what this test does for each. */
    private static final List<String> COMMANDS = List.of(
            "mkdir frame-stats && cd frame-stats",
            "mvn -q package",
            "arroyo run --classpath target/frame-stats-1.0.jar pipeline.yaml",
            "arroyo tap --count 5 zeromq:SUB:tcp://127.0.0.1:5556",
            "python3 send.py");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void theStepsOfThePageWorkAsWritten() throws Exception {
        PythonPeer.requireModules("zmq", "msgpack");
        assertThat(PAGE.blocks("bash")).extracting(block -> block.text().strip()).as("the commands of the page")
                .containsExactlyElementsOf(COMMANDS);
        String pipelinePort = Integer.toString(freePort());
        String publisherPort = Integer.toString(freePort());

        Path project = Files.createDirectory(dir.resolve("frame-stats"));
        files().forEach((name, content) -> write(project.resolve(name),
                content.replace("5555", pipelinePort).replace("5556", publisherPort)));
        assertThat(project.resolve("pom.xml")).content().as("the page's POM names this version of camel-arroyo")
                .contains("<version>" + System.getProperty("arroyo.version") + "</version>");

        Process build = start(project, "build", mavenCommand("-q", "package"));
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).as("the build ends").isTrue();
        assertThat(build.exitValue()).as(output(project, "build")).isZero();
        assertThat(project.resolve("target/surefire-reports/TEST-org.example.FrameMeanMaxTest.xml")).as("the operator's test ran")
                .content().contains("tests=\"1\"", "failures=\"0\"", "errors=\"0\"");

        start(project, "run", arroyo("run", "--classpath", "target/frame-stats-1.0.jar", "pipeline.yaml"));
        await().atMost(PATIENCE).until(() -> errors(project, "run").contains("Started frame-stats"));
        Process tap = start(project, "tap", arroyo("tap", "--count", "5", "zeromq:SUB:tcp://127.0.0.1:" + publisherPort));
        await().atMost(PATIENCE).until(() -> errors(project, "tap").contains("Started tap"));
        // ZeroMQ drops what a PUB sends before a subscription reaches it: the tap's connection is made (the kernel's part
        // of it is all a test can see), then the ZeroMQ handshake and the subscription follow; on a loaded machine they
        // have taken more than a second
        await().atMost(PATIENCE).until(() -> connectedTo(Integer.parseInt(publisherPort)));
        Thread.sleep(3000);
        Process send = start(project, "send", List.of("/usr/bin/python3", "send.py"));

        assertThat(send.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(send.exitValue()).as(errors(project, "send")).isZero();
        assertThat(tap.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as(() -> "tap stops after 5 messages; the tap printed:\n" + read(project, "tap.out") + read(project, "tap.err")
                          + "\nthe run logged:\n" + read(project, "run.err"))
                .isTrue();
        assertThat(output(project, "tap")).as(errors(project, "tap")).isEqualTo(PAGE.named("text", "tap").text());
        List<String> runLines = PAGE.named("text", "run").text().lines().toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(errors(project, "run").lines()
                .map(line -> line.replaceFirst("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ", "").replaceFirst("in \\d+\\.\\d s", "in 0.1 s")))
                .containsSubsequence(runLines));
    }

    @Test
    void theMistakesOfThePageSayWhatThePageSays() throws Exception {
        Path project = Files.createDirectory(dir.resolve("frame-stats"));
        String pipeline = files().get("pipeline.yaml");
        write(project.resolve("pipeline.yaml"), pipeline);
        write(project.resolve("misspelt.yaml"), pipeline.replace("class:", "klass:"));

        Process withoutClasspath = start(project, "run", arroyo("run", "pipeline.yaml"));
        Process misspelt = start(project, "validate", arroyo("validate", "misspelt.yaml"));

        assertThat(withoutClasspath.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(misspelt.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(PAGE.text()).contains("`" + errors(project, "run").strip() + "`")
                .contains("`" + errors(project, "validate").strip().replace("misspelt.yaml", "pipeline.yaml") + "`");
    }

    /** Whether a TCP connection to this local port is established. */
    private static boolean connectedTo(int port) throws IOException {
        return KernelSockets.all().stream()
                .anyMatch(socket -> socket.remotePortIs(port) && socket.state().equals(KernelSockets.ESTABLISHED));
    }

    /** The page's files: each code block whose fence names a path after its language. */
    private static Map<String, String> files() {
        Map<String, String> files = PAGE.files();
        assertThat(files).as("the files of the page").containsOnlyKeys("pom.xml", "src/main/java/org/example/FrameMeanMax.java",
                "pipeline.yaml", "send.py", "src/test/java/org/example/FrameMeanMaxTest.java");
        return files;
    }

    /** The reactor's Maven, with the reactor's artifacts in a repository in front of the build's own. */
    private List<String> mavenCommand(String... args) throws IOException {
        Path repository = dir.resolve("repository");
        String version = System.getProperty("arroyo.version");
        copy(ROOT.resolve("pom.xml"), repository, "arroyo-parent", version, "pom");
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.toList()) {
                Path jar = module.resolve("target").resolve(module.getFileName() + "-" + version + ".jar");
                if (Files.isRegularFile(jar)) {
                    copy(module.resolve("pom.xml"), repository, module.getFileName().toString(), version, "pom");
                    copy(jar, repository, module.getFileName().toString(), version, "jar");
                }
            }
        }
        assertThat(repository.resolve("org/arroyo/arroyo-test")).as("the test kit is built before this module").isDirectory();
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-ntp",
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + System.getProperty("arroyo.localRepository")));
        command.addAll(List.of(args));
        return command;
    }

    private static void copy(Path file, Path repository, String artifactId, String version, String extension) throws IOException {
        Path directory = Files.createDirectories(repository.resolve("org/arroyo").resolve(artifactId).resolve(version));
        Files.copy(file, directory.resolve(artifactId + "-" + version + "." + extension));
    }

    private static List<String> arroyo(String... args) {
        return Stream.concat(Stream.of(ROOT.resolve("arroyo-cli/bin/arroyo").toString()), Stream.of(args)).toList();
    }

    private Process start(Path directory, String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(directory.resolve(name + ".out").toFile()).redirectError(directory.resolve(name + ".err").toFile());
        // the outer Maven's settings for its own project are not the user's
        builder.environment().keySet().removeIf(variable -> variable.startsWith("MAVEN_"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static String output(Path directory, String name) throws IOException {
        return Files.readString(directory.resolve(name + ".out"));
    }

    private static String errors(Path directory, String name) throws IOException {
        return Files.readString(directory.resolve(name + ".err"));
    }

    /** A file of the project, for a failure's description. */
    private static String read(Path directory, String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            return "(" + name + " unreadable: " + e + ")";
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
