package org.arroyo.example;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A PNG of a run's I(q) profiles on a log intensity axis, coloured by frame index from blue to red. */
final class ProfilePlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    private ProfilePlot() {
    }

    static void write(Path file, List<?> q, List<double[]> profiles, String title) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int frame = 0; frame < profiles.size(); frame++) {
            XYSeries series = new XYSeries("frame " + frame, false, true);
            double[] profile = profiles.get(frame);
            for (int bin = 0; bin < profile.length && bin < q.size(); bin++) {
                // a log axis has no place for empty bins (NaN) or zero
                if (profile[bin] > 0) {
                    series.add(((Number) q.get(bin)).doubleValue(), profile[bin]);
                }
            }
            data.addSeries(series);
        }
        LookupPaintScale frames = new LookupPaintScale(0, Math.max(1, profiles.size() - 1), Color.GRAY);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int frame = 0; frame < profiles.size(); frame++) {
            Color colour = Color.getHSBColor(0.67f * (1 - frame / (float) Math.max(1, profiles.size() - 1)), 0.85f, 0.85f);
            frames.add(frame, colour);
            lines.setSeriesPaint(frame, colour);
            lines.setSeriesStroke(frame, new BasicStroke(1.5f));
        }
        NumberAxis qAxis = new NumberAxis("q (1/nm)");
        LogAxis intensityAxis = new LogAxis("I(q) (counts per pixel)");
        intensityAxis.setBase(10);
        // ticks on decades, with the minor ticks between them
        intensityAxis.setTickUnit(new NumberTickUnit(1));
        intensityAxis.setMinorTickCount(9);
        intensityAxis.setMinorTickMarksVisible(true);
        XYPlot plot = new XYPlot(data, qAxis, intensityAxis, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        JFreeChart chart = new JFreeChart(title + ": I(q) of " + profiles.size() + " frames", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis frameAxis = new NumberAxis("frame");
        frameAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        PaintScaleLegend legend = new PaintScaleLegend(frames, frameAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(15);
        legend.setMargin(50, 10, 60, 10);
        chart.addSubtitle(legend);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
