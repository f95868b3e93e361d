package org.arroyo.camel.streampy.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how often a node reports its figures.
 *
 * @param vuid        the node's id in the reports ({@code VUID}, the hub's {@code pipeline_key})
 * @param reportUri   the endpoint each report is sent to, e.g. {@code streampy:socket:127.0.0.1:5001}
 * @param statsPeriod how often a report is sent
 */
public record MetricsSettings(String vuid, String reportUri, Duration statsPeriod) {

    public MetricsSettings {
        Objects.requireNonNull(vuid, "vuid");
        Objects.requireNonNull(reportUri, "reportUri");
        if (statsPeriod.isNegative() || statsPeriod.isZero()) {
            throw new IllegalArgumentException("statsPeriod must be positive, got " + statsPeriod);
        }
    }

    /**
     * Reports as stream-py's {@code --metrics-address HOST:PORT --stats-period SECONDS}: one UDP
     * datagram per report to that address.
     *
     * @throws IllegalArgumentException when the address is not HOST:PORT
     */
    public static MetricsSettings udp(String vuid, String metricsAddress, Duration statsPeriod) {
        int colon = metricsAddress.lastIndexOf(':');
        if (colon <= 0 || !metricsAddress.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException("metrics address must be HOST:PORT, got '" + metricsAddress + "'");
        }
        return new MetricsSettings(vuid, "streampy:socket:" + metricsAddress, statsPeriod);
    }
}
