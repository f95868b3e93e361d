package org.arroyo.cli;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.arroyo.cli.ArroyoCliTest.Result;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.arroyo.cli.ArroyoCliTest.arroyo;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/tracing.md's arroyo run line: the sample scan's run, traced to an OTLP/HTTP receiver. */
class TracingRunTest {

    private final ByteArrayOutputStream exported = new ByteArrayOutputStream();
    private HttpServer collector;

    @TempDir
    Path dir;

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    @Test
    void theGuidesRunLineExportsTheSampleRunsSpans() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", request -> {
            byte[] body = request.getRequestBody().readAllBytes();
            synchronized (exported) {
                exported.writeBytes(body);
            }
            request.sendResponseHeaders(200, -1);
            request.close();
        });
        collector.start();
        String line = DocsPage.of("tracing.md").block("bash", "arroyo run -D camel.opentelemetry2.enabled=true").text().strip()
                .replace("http://127.0.0.1:4318", "http://127.0.0.1:" + collector.getAddress().getPort())
                .replace("saxs.yaml", PipelineCommandsTest.PIPELINES.resolve("saxs.yaml").toString());
        String[] words = line.split("\\s+");
        assertThat(words[0]).isEqualTo("arroyo");
        List<Object> args = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
        args.addAll(List.of("-D", "in.dir=" + PipelineCommandsTest.SAMPLES, "-D", "out.dir=" + dir.resolve("out"),
                "-D", "camel.main.duration-max-idle-seconds=2", "-D", "camel.main.duration-max-seconds=30"));

        Result result = arroyo(args.toArray());

        assertThat(result.exitCode()).as(result.err()).isZero();
        String otlp;
        synchronized (exported) {
            otlp = exported.toString(StandardCharsets.ISO_8859_1);
        }
        // the sample scan's run id and frame numbers, as span attributes
        assertThat(otlp).contains("arroyo.run_id", "demo-0001", "arroyo.frame_number");
    }
}
