package org.arroyo.example;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.arroyo.camel.view.ViewEndpoint;
import org.arroyo.test.infra.DocsPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example run as docs/live-view.md runs it (its command's -D properties), kept running with its live view and
 * watched in headless Chromium: the page names the run, its event count rises, the frame and the profile are drawn.
 * The screenshot stays in target/live-view/ for a person to look at (docs/live-view.png is one).
 */
class ExampleLiveViewTest {

    static final Path SCREENSHOT = Path.of("target/live-view/example-live-view.png");

    /** The page's run id and event count (0 while the page loads). */
    private static final String RUN_ID = "document.querySelector('#start dd[data-field=run_id]')?.textContent ?? ''";
    private static final String EVENTS = "Number((document.getElementById('events')?.textContent ?? '0').replace(/,/g, ''))";
    /** How many distinct colours a canvas holds: 1 when blank. */
    private static final String COLOURS = """
            (() => { const c = document.getElementById('%s'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                     const seen = new Set(); for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                     return seen.size; })()""";

    @Test
    void theRunningExampleIsWatchedLiveInABrowser(@TempDir Path dir) throws Exception {
        int view = ExampleApplicationTest.freePort();
        Main main = ExampleApplication.create("java");
        ExampleApplicationTest.zeroMqOnFreePorts().forEach(main::addOverrideProperty);
        Map<String, String> guide = guideProperties();
        assertThat(guide).containsEntry("arroyo.example.keep-running", "true");
        guide.forEach(main::addOverrideProperty);
        main.addOverrideProperty("arroyo.example.view", "arroyo-view:saxs?port=" + view);
        main.addOverrideProperty("arroyo.example.output-dir", dir.resolve("out").toString());
        Thread example = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException("the example failed", e);
            }
        }, "example");
        example.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> main.getCamelContext() != null && main.getCamelContext().isStarted());
            String url = main.getCamelContext().getEndpoint("arroyo-view:saxs?port=" + view, ViewEndpoint.class).pageUrl();
            assertThat(url).isEqualTo("http://127.0.0.1:" + view + "/arroyo-view/saxs/");

            try (HeadlessChromium chromium = new HeadlessChromium(url, dir.resolve("chromium-profile"))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> chromium.evaluate(EVENTS).asLong() > 0);
                assertThat(chromium.evaluate(RUN_ID).asText()).matches("saxs-demo-\\d{4}");
                long before = chromium.evaluate(EVENTS).asLong();
                await().atMost(Duration.ofSeconds(60)).until(() -> chromium.evaluate(EVENTS).asLong() > before);
                // a whole scan has gone by: the stop is shown, and the detector goes on with the next
                await().atMost(Duration.ofSeconds(120)).until(() -> chromium.evaluate(EVENTS).asLong() > 45);

                assertThat(chromium.evaluate(COLOURS.formatted("image")).asInt()).as("colours of the frame").isGreaterThan(50);
                assertThat(chromium.evaluate(COLOURS.formatted("plot")).asInt()).as("colours of the plot").isGreaterThan(3);
                assertThat(chromium.evaluate("document.getElementById('image-info').textContent").asText())
                        .isEqualTo("uint32 [256, 256], log scale");
                assertThat(chromium.evaluate("document.getElementById('plot-info').textContent").asText())
                        .isEqualTo("float64 [100] against q_nm");
                assertThat(chromium.evaluate("document.querySelector('#stop dd[data-field=num_frames]')?.textContent ?? ''").asText())
                        .isEqualTo("20");
                chromium.screenshot(SCREENSHOT);
            }
            assertThat(distinctColours(SCREENSHOT)).as("colours in the screenshot").isGreaterThan(100);
        } finally {
            main.completed();
            example.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(example.isAlive()).isFalse();
    }

    /** The -Dname=value properties of the guide's command that runs the example. */
    private static Map<String, String> guideProperties() throws Exception {
        String command = DocsPage.of("live-view.md").block("bash", "keep-running").text();
        Map<String, String> properties = new LinkedHashMap<>();
        Pattern.compile("-D([^=\\s]+)=(\\S+)").matcher(command).results()
                .forEach(property -> properties.put(property.group(1), property.group(2)));
        return properties;
    }

    private static int distinctColours(Path png) throws Exception {
        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
