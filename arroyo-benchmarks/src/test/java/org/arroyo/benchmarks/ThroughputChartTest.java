package org.arroyo.benchmarks;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputChartTest {

    private static Row row(String scenario, String implementation, double median, Double ratio) {
        Spread rate = new Spread(median, median * 0.95, median * 1.04, 3);
        return new Row(scenario, "1,118 B", implementation, rate, new Spread(median * 0.001118, 0, 0, 3), ratio,
                null, null, null, "", null, null);
    }

    @Test
    void drawsOnePanelPerScenarioWithTheBaselineGreyAndThePipelineBlue() throws Exception {
        Path png = Files.createDirectories(Path.of("target")).resolve("throughput-chart-test.png");
        ThroughputChart.write(List.of(row("A", "raw JeroMQ relay", 288_296, null), row("A", "pipeline", 175_708, 0.61),
                row("D kafka", "raw kafka-clients", 5_553, null), row("D kafka", "pipeline", 4_700, 0.85)),
                "Arroyo pipeline vs raw clients", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).contains(0x9e9e9e, 0x1f77b4).hasSizeGreaterThan(20);
    }
}
