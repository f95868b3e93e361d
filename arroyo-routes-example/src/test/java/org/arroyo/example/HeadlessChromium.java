package org.arroyo.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.arroyo.test.infra.Prerequisite;

/**
 * Debian's headless Chromium showing one page, driven over the DevTools protocol: evaluate JavaScript in the page,
 * take a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket page;
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HeadlessChromium(String url, Path profile) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            Prerequisite.missing("the live view is checked in a real browser, " + CHROMIUM + " is missing", "chromium");
        }
        process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=1400,1400", "--hide-scrollbars", url).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HttpClient http = HttpClient.newHttpClient();
        String port = devtoolsPort();
        page = http.newWebSocketBuilder().buildAsync(URI.create(pageTarget(http, port, url)), new Replies()).join();
    }

    /** The port Chromium prints on stderr once its DevTools server listens; the rest of stderr is drained. */
    private String devtoolsPort() throws IOException {
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
            Matcher devtools = DEVTOOLS.matcher(line);
            if (devtools.find()) {
                Thread drain = new Thread(() -> stderr.lines().forEach(ignored -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return devtools.group(2);
            }
            seen.add(line);
        }
        throw new IllegalStateException("chromium ended without a DevTools address: " + String.join("\n", seen));
    }

    private static String pageTarget(HttpClient http, String port, String url) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(targets.body())) {
                if (target.path("type").asText().equals("page") && target.path("url").asText().startsWith(url)) {
                    return target.get("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium opened no page at " + url);
    }

    /** The value of a JavaScript expression evaluated in the page. */
    JsonNode evaluate(String expression) {
        JsonNode reply = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (reply.has("exceptionDetails")) {
            throw new IllegalStateException("the page could not evaluate " + expression + ": " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** A PNG of the page as it is shown. */
    void screenshot(Path file) throws IOException {
        JsonNode reply = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(reply.get("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        JsonNode answer;
        try {
            page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
            answer = reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("chromium did not answer " + method, e);
        } finally {
            replies.remove(id);
        }
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Matches the protocol's replies to their calls; events are not needed. */
    private final class Replies implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> reply = replies.get(message.path("id").asInt(-1));
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("chromium sent a message that is not JSON", e);
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
