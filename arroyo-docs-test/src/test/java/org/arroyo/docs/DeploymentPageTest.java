package org.arroyo.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/deployment.md: the runnable jar of the example runs as the page says (a process of its own, on free ports), its
 * Shade configuration is the example's own, every file the container recipe copies is where the build puts it, and
 * the Karaf steps name the features file and its features. The scale-out section's tests are the transports' own
 * (KafkaScaleOutTest, RabbitMqScaleOutTest, RedisStreamScaleOutTest, ZeroMqScaleOutTest).
 */
class DeploymentPageTest {

    private static final Path ROOT = DocsPage.projectRoot();

    @Test
    void theExamplesRunnableJarReducesAScanAndExits(@TempDir Path workingDirectory) throws Exception {
        DocsPage page = DocsPage.of("deployment.md");
        String command = page.block("bash", "java -jar").text().lines().filter(line -> line.startsWith("java -jar ")).findFirst().orElseThrow();
        Path jar = ROOT.resolve(command.substring("java -jar ".length()).strip());
        assertThat(jar).as("built by the reactor's package phase (arroyo-routes-example)").isRegularFile();

        // the example's ZeroMQ sockets and live page on free ports, its results in the test's folder
        int detector = freePort();
        int reduced = freePort();
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Darroyo.detector.uri=zeromq:PUSH:tcp://127.0.0.1:" + detector + "?bind=true",
                "-Darroyo.listener=zeromq:PULL:tcp://127.0.0.1:" + detector,
                "-Darroyo.publisher=zeromq:PUSH:tcp://127.0.0.1:" + reduced + "?bind=true",
                "-Darroyo.results.listener=zeromq:PULL:tcp://127.0.0.1:" + reduced,
                "-Darroyo.example.view=arroyo-view:saxs?port=" + freePort(),
                "-Darroyo.example.output-dir=" + workingDirectory.resolve("out"),
                "-jar", jar.toString()));
        Process process = new ProcessBuilder(java).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(workingDirectory.resolve("run.log").toFile()).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited; see " + workingDirectory.resolve("run.log")).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(Files.readString(workingDirectory.resolve("run.log"))).isZero();
        JsonNode run = new ObjectMapper().readTree(workingDirectory.resolve("out/run.json").toFile());
        assertThat(run.path("frames").asInt()).isEqualTo(20);
        assertThat(run.path("stop").path("frames_reduced").asInt()).isEqualTo(20);
        assertThat(Files.readAllLines(workingDirectory.resolve("out/profiles.csv")).get(0)).startsWith("q_nm,frame_0,").endsWith(",frame_19");
    }

    @Test
    void theShadeConfigurationShownIsTheExamplesOwn() throws IOException {
        DocsPage page = DocsPage.of("deployment.md");
        assertThat(page.block("xml", "maven-shade-plugin").isIn(Files.readString(ROOT.resolve("arroyo-routes-example/pom.xml")))).isTrue();
    }

    @Test
    void everyFileTheContainerRecipeCopiesIsWhereTheBuildPutsIt() {
        DocsPage page = DocsPage.of("deployment.md");
        String dockerfile = page.block("dockerfile", "FROM eclipse-temurin:17-jre").text();
        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(dockerfile);
        List<String> destinations = new ArrayList<>();
        while (copy.find()) {
            assertThat(ROOT.resolve(copy.group(1))).as("copied by the recipe, made by the build").exists();
            destinations.add(copy.group(2));
        }
        assertThat(destinations).contains("/opt/arroyo/arroyo.jar", "/opt/arroyo/lib");
        // arroyo.jar finds its dependencies in lib/ beside it (its manifest's Class-Path)
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/arroyo/arroyo.jar\", \"run\"]");
    }

    @Test
    void theKarafStepsNameTheFeaturesFileAndItsFeatures() throws IOException {
        DocsPage page = DocsPage.of("deployment.md");
        List<String> steps = page.block("", "feature:repo-add").text().lines().toList();
        String features = Files.readString(ROOT.resolve("arroyo-karaf-features/src/main/feature/features.xml"));
        String version = Files.readString(ROOT.resolve("arroyo-karaf-features/pom.xml"))
                .replaceFirst("(?s).*<parent>.*?<version>([^<]+)</version>.*", "$1");

        assertThat(steps.get(0)).isEqualTo("feature:repo-add mvn:org.arroyo/arroyo-karaf-features/" + version + "/xml/features");
        assertThat(steps.get(1)).startsWith("feature:install ");
        for (String feature : steps.get(1).substring("feature:install ".length()).split(" ")) {
            assertThat(features).contains("<feature name=\"" + feature + "\"");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
