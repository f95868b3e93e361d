package org.arroyo.camel.zocalo.rabbitmq;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.zocalo.RecipeJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts a service's status on the status topic as workflows services do: {@code host},
 * {@code status}, {@code statustext}, {@code service}, {@code serviceclass},
 * {@code utilization}, {@code workflows}; each message expires after 15 s.
 */
final class StatusBroadcaster {

    static final String EXPIRATION_MILLIS = "15000";
    static final String REPORTER = "camel-arroyo";

    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcaster.class);

    private final ConfirmedPublisher publisher;
    private final String topic;
    private final String service;
    private final String serviceClass;
    private final ServiceStatus status;
    private final String host;

    StatusBroadcaster(ConfirmedPublisher publisher, String topic, String service, String serviceClass, ServiceStatus status) {
        this.publisher = publisher;
        this.topic = topic;
        this.service = service;
        this.serviceClass = serviceClass;
        this.status = status;
        this.host = hostId(service);
    }

    /** Publishes the current status; a failure is logged, the service goes on. */
    void broadcast() {
        byte[] body = RecipeJson.write(report()).getBytes(StandardCharsets.UTF_8);
        try {
            publisher.publish(List.of(new AmqpPublish(topic, "", false, Map.of(), EXPIRATION_MILLIS, body)));
        } catch (RuntimeException e) {
            LOG.warn("Status of service {} not broadcast on {}: {}", service, topic, e.getMessage());
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
