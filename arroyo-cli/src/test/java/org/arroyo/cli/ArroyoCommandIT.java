package org.arroyo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.arroyo.test.Tagger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.arroyo.cli.PipelineCommandsTest.PIPELINES;
import static org.arroyo.cli.PipelineCommandsTest.SAMPLES;
import static org.arroyo.cli.PipelineCommandsTest.expectedOutputs;
import static org.arroyo.cli.PipelineCommandsTest.filesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged command, bin/arroyo, as a real process: started in a working directory, stopped by a signal. */
class ArroyoCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stopProcess() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void start(String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of(Path.of("bin/arroyo").toAbsolutePath().toString()), Stream.of(args)).toList();
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    private String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"));
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private int exitCode() throws InterruptedException {
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        return process.exitValue();
    }

    @Test
    void runReadsApplicationPropertiesFromItsWorkingDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        Path out = dir.resolve("out");
        Files.writeString(dir.resolve("application.properties"), "in.dir=" + SAMPLES + "\nout.dir=" + out + "\n");
        Path taggerClasses = Path.of(Tagger.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        start("run", "--classpath", taggerClasses.toString(), PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString());
        await().atMost(PATIENCE).until(() -> Files.isDirectory(out) && filesIn(out).size() == 8);
        process.destroy();

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stderr()).contains("arroyo: SIGTERM received, stopping", "Apache Camel 4.14.1 (arroyo) shutdown in")
                .doesNotContain("ERROR", "Exception");
        assertThat(filesIn(out)).isEqualTo(expectedOutputs());
        assertThat(stderr()).as("the run's lines").contains(
                "INFO  PipelineProgress - saxs: run demo-0001 started: width=16, height=16, data_type=uint16\n",
                "INFO  PipelineProgress - saxs: run demo-0001 stopped: 3 events in ");
    }

    @Test
    void runQuietLogsNoRunLinesAndNoSummary() throws Exception {
        Path out = dir.resolve("out");
        Path taggerClasses = Path.of(Tagger.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        start("run", "--quiet", "--classpath", taggerClasses.toString(), "-D", "in.dir=" + SAMPLES, "-D", "out.dir=" + out,
                "-D", "camel.main.duration-max-idle-seconds=2", PIPELINES.resolve("saxs.yaml").toAbsolutePath().toString());

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(filesIn(out)).isEqualTo(expectedOutputs());
        assertThat(stderr()).doesNotContain("PipelineProgress", "Started saxs");
    }

    @Test
    void tapStopsCleanlyOnCtrlC() throws Exception {
        start("tap", "file:" + SAMPLES + "?noop=true&sortBy=file:name&initialDelay=0");
        await().atMost(PATIENCE).until(() -> stdout().lines().count() == 5);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();

        assertThat(exitCode()).as(stderr()).isZero();
        assertThat(stdout().lines()).startsWith("start run=demo-0001").endsWith("stop  run=demo-0001");
        assertThat(stderr()).contains("arroyo: SIGINT received, stopping").doesNotContain("ERROR", "Exception");
    }
}
