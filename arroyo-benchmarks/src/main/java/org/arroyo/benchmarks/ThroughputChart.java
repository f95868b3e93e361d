package org.arroyo.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * A PNG of the throughput per scenario: one panel per scenario and payload, a bar per implementation, its length the
 * median msg/s relative to the panel's fastest, the range drawn as a whisker, and the figures written beside it.
 */
final class ThroughputChart {

    private static final int WIDTH = 1100;
    private static final int BAR = 22;
    private static final int PANEL_GAP = 34;
    private static final int LEFT = 200;
    private static final int BAR_SPACE = 560;
    private static final Color BASELINE = new Color(0x9e, 0x9e, 0x9e);
    private static final Color MEASURED = new Color(0x1f, 0x77, 0xb4);

    private ThroughputChart() {
    }

    static void write(List<Row> rows, String title, Path png) throws IOException {
        Map<String, List<Row>> panels = new LinkedHashMap<>();
        rows.forEach(row -> panels.computeIfAbsent(row.scenario() + ", " + row.payload(), key -> new ArrayList<>())
                .add(row));
        int height = 60 + panels.values().stream().mapToInt(panel -> PANEL_GAP + panel.size() * (BAR + 8)).sum();
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 16, 28);
            int y = 50;
            for (Map.Entry<String, List<Row>> panel : panels.entrySet()) {
                y = drawPanel(g, panel.getKey(), panel.getValue(), y + PANEL_GAP);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static int drawPanel(Graphics2D g, String name, List<Row> rows, int top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(name, 16, top - 8);
        double scale = rows.stream().mapToDouble(row -> row.msgPerSec().max()).max().orElse(1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = top;
        for (Row row : rows) {
            int length = (int) (BAR_SPACE * row.msgPerSec().median() / scale);
            g.setColor(row.ratio() == null ? BASELINE : MEASURED);
            g.fillRect(LEFT, y, Math.max(1, length), BAR);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.5f));
            int from = LEFT + (int) (BAR_SPACE * row.msgPerSec().min() / scale);
            int to = LEFT + (int) (BAR_SPACE * row.msgPerSec().max() / scale);
            g.drawLine(from, y + BAR / 2, to, y + BAR / 2);
            g.drawString(row.implementation(), 16, y + 16);
            String figures = String.format("%,.0f msg/s  %,.1f MB/s", row.msgPerSec().median(), row.mbPerSec().median())
                             + (row.ratio() == null ? "  (baseline)" : String.format("  %.2fx", row.ratio()));
            g.drawString(figures, LEFT + Math.max(length, to - LEFT) + 8, y + 16);
            y += BAR + 8;
        }
        return y;
    }
}
