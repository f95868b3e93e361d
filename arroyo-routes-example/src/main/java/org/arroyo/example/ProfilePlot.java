package org.arroyo.example;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/** A PNG of a run's I(q) profiles on a log intensity axis, early frames blue, late frames red. */
final class ProfilePlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int MARGIN = 70;

    private ProfilePlot() {
    }

    static void write(Path file, List<?> q, List<double[]> profiles, String title) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double qMax = q.isEmpty() ? 1 : ((Number) q.get(q.size() - 1)).doubleValue();
        double logMin = Double.POSITIVE_INFINITY;
        double logMax = Double.NEGATIVE_INFINITY;
        for (double[] profile : profiles) {
            for (double value : profile) {
                if (value > 0) {
                    logMin = Math.min(logMin, Math.log10(value));
                    logMax = Math.max(logMax, Math.log10(value));
                }
            }
        }
        if (!(logMax > logMin)) {
            logMin = 0;
            logMax = 1;
        }
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
        g.drawString(title + ": I(q), " + profiles.size() + " frames", MARGIN, MARGIN - 20);
        g.drawString("q (1/nm), 0 to " + String.format("%.3f", qMax), WIDTH / 2 - 60, HEIGHT - MARGIN + 35);
        g.drawString(String.format("log10 I: %.1f to %.1f", logMin, logMax), 10, MARGIN - 5);
        g.setStroke(new BasicStroke(1.5f));
        for (int frame = 0; frame < profiles.size(); frame++) {
            float share = profiles.size() == 1 ? 0 : (float) frame / (profiles.size() - 1);
            g.setColor(new Color(share, 0.2f, 1 - share));
            double[] profile = profiles.get(frame);
            int previousX = -1;
            int previousY = -1;
            for (int bin = 0; bin < profile.length && bin < q.size(); bin++) {
                if (!(profile[bin] > 0)) {
                    previousX = -1;
                    continue;
                }
                int x = MARGIN + (int) (((Number) q.get(bin)).doubleValue() / qMax * (WIDTH - 2 * MARGIN));
                int y = HEIGHT - MARGIN - (int) ((Math.log10(profile[bin]) - logMin) / (logMax - logMin) * (HEIGHT - 2 * MARGIN));
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
