package org.arroyo.camel.zocalo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts a service's status on the status topic as workflows services do: {@code host},
 * {@code status}, {@code statustext}, {@code service}, {@code serviceclass},
 * {@code utilization}, {@code workflows}, through the service's transport.
 */
final class StatusBroadcaster {

    static final String REPORTER = "camel-arroyo";

    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcaster.class);

    private final RecipeTransport transport;
    private final String service;
    private final String serviceClass;
    private final ServiceStatus status;
    private final String host;

    StatusBroadcaster(RecipeTransport transport, String service, String serviceClass, ServiceStatus status) {
        this.transport = transport;
        this.service = service;
        this.serviceClass = serviceClass;
        this.status = status;
        this.host = hostId(service);
    }

    /** Publishes the current status; a failure is logged, the service goes on. */
    void broadcast() {
        try {
            transport.broadcastStatus(RecipeJson.write(report()));
        } catch (RuntimeException e) {
            LOG.warn("Status of service {} not broadcast: {}", service, e.getMessage());
        }
    }

    Map<String, Object> report() {
        ServiceStatus.State state = status.current();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("host", host);
        report.put("status", state.code);
        report.put("statustext", state.text);
        report.put("service", service);
        report.put("serviceclass", serviceClass);
        report.put("utilization", status.utilization());
        report.put("workflows", REPORTER);
        return report;
    }

    /** As workflows: the host name's parts reversed, the process id; then the service, several may share a JVM. */
    static String hostId(String service) {
        List<String> parts = new ArrayList<>(List.of(hostName().split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + "." + ProcessHandle.current().pid() + "." + service.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
