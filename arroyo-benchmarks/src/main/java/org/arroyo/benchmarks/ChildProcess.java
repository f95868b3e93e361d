package org.arroyo.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One benchmark process (source, sink or stage) started by the runner on the runner's own class path. Its JSON report
 * lines are collected from standard output; standard error goes to a log file.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final BlockingQueue<JsonNode> reports = new LinkedBlockingQueue<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readReports, name + "-reports");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(String name, List<String> jvmOptions, Class<?> main, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildProcess(name, process);
    }

    private void readReports() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                reports.add(JsonLines.MAPPER.readTree(line));
            }
        } catch (IOException e) {
            // the process ended; what it did not report is missing, which the waiting side reports
            System.err.println(name + ": report stream ended: " + e.getMessage());
        }
    }

    /** The next report line, waiting at most the given seconds. */
    JsonNode nextReport(double seconds) throws InterruptedException {
        JsonNode report = reports.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (report == null) {
            throw new IllegalStateException(name + " reported nothing within " + seconds + " s"
                                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                                            + ": see its log");
        }
        return report;
    }

    long pid() {
        return process.pid();
    }

    /** Tells a stage to stop: stages run until their standard input closes. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
