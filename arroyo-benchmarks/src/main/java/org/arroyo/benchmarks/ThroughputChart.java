package org.arroyo.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;

/**
 * A PNG of the throughput per scenario, drawn with JFreeChart: one panel per scenario and payload, a bar per
 * implementation, its length the median msg/s relative to the panel's fastest, the range over the repeats as a thin bar
 * across it, and the figures in its label. Baselines are grey.
 */
final class ThroughputChart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT_PER_BAR = 48;
    private static final Color BASELINE = new Color(0x9e, 0x9e, 0x9e);
    private static final Color MEASURED = new Color(0x1f, 0x77, 0xb4);

    private ThroughputChart() {
    }

    static void write(List<Row> rows, String title, Path png) throws IOException {
        Map<String, List<Row>> panels = new LinkedHashMap<>();
        rows.forEach(row -> panels.computeIfAbsent(row.scenario() + ", " + row.payload(), key -> new ArrayList<>())
                .add(row));
        NumberAxis relative = new NumberAxis("msg/s relative to the panel's fastest (median; thin bar: min to max)");
        relative.setRange(0, 1.05);
        CombinedRangeCategoryPlot plot = new CombinedRangeCategoryPlot(relative);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        panels.forEach((name, panel) -> plot.add(panel(name, panel), panel.size()));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, 80 + rows.size() * HEIGHT_PER_BAR + panels.size() * 30);
    }

    private static CategoryPlot panel(String name, List<Row> rows) {
        double fastest = rows.stream().mapToDouble(row -> row.msgPerSec().max()).max().orElse(1);
        DefaultCategoryDataset medians = new DefaultCategoryDataset();
        Number[][] lows = new Number[1][rows.size()];
        Number[][] highs = new Number[1][rows.size()];
        String[] implementations = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            implementations[i] = label(row);
            medians.addValue(row.msgPerSec().median() / fastest, "median", implementations[i]);
            lows[0][i] = row.msgPerSec().min() / fastest;
            highs[0][i] = row.msgPerSec().max() / fastest;
        }
        CategoryAxis axis = new CategoryAxis(name);
        axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axis.setMaximumCategoryLabelWidthRatio(0.45f);
        CategoryPlot panel = new CategoryPlot(medians, axis, null, bars(rows));
        panel.setDataset(1, new DefaultIntervalCategoryDataset(new String[] { "range" }, implementations, lows, highs));
        IntervalBarRenderer range = new IntervalBarRenderer();
        range.setSeriesPaint(0, Color.BLACK);
        range.setMaximumBarWidth(0.03);
        range.setBarPainter(new StandardBarPainter());
        range.setShadowVisible(false);
        panel.setRenderer(1, range);
        panel.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the range over the bar
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }

    /** The implementation and its figures. */
    private static String label(Row row) {
        return row.implementation() + String.format(": %,.0f msg/s, %,.1f MB/s", row.msgPerSec().median(), row.mbPerSec().median())
               + (row.ratio() == null ? " (baseline)" : String.format(", %.2fx", row.ratio()));
    }

    /** Bars coloured by kind: baseline or measured. */
    private static BarRenderer bars(List<Row> rows) {
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int series, int column) {
                return rows.get(column).ratio() == null ? BASELINE : MEASURED;
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        return bars;
    }
}
