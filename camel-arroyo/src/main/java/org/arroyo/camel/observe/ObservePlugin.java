package org.arroyo.camel.observe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch {@value #PROPERTY}{@code = true}: Camel Main's management server serves health (live and ready), Prometheus
 * metrics and Camel's dev console on one port, as Camel's observability services do ({@code /observe/health},
 * {@code /observe/metrics}, port 9876). It gives Camel Main defaults only, lowest in precedence: whatever the application
 * configures ({@code camel.management.*}, {@code camel.metrics.*}) wins. Whatever turns the management server on, it
 * listens on {@code 127.0.0.1} unless {@code camel.management.host} says otherwise, and then a warning says so.
 */
public class ObservePlugin implements ContextServicePlugin {

    /** The one option that turns observation on. */
    public static final String PROPERTY = "arroyo.observe";

    private static final Logger LOG = LoggerFactory.getLogger(ObservePlugin.class);
    private static final String SWITCH = "{{" + PROPERTY + ":false}}";
    private static final String HOST = "camel.management.host";

    /** Camel Main's settings, each on with the switch (placeholders resolved later, when Camel Main configures). */
    private static final Map<String, String> DEFAULTS = Map.of(
            "camel.management.enabled", SWITCH,
            "camel.management.healthCheckEnabled", SWITCH,
            "camel.management.metricsEnabled", SWITCH,
            "camel.management.devConsoleEnabled", SWITCH,
            "camel.main.devConsoleEnabled", SWITCH,
            "camel.metrics.enabled", SWITCH,
            HOST, "127.0.0.1");

    @Override
    public void load(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        DEFAULTS.forEach(properties::addInitialProperty);
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext context) {
                // the fallbacks are Camel's own defaults, for an application that replaced the initial properties
                if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{camel.management.enabled:false}}"))) {
                    warnIfReachable(context.resolvePropertyPlaceholders("{{" + HOST + ":0.0.0.0}}"));
                }
            }
        });
    }

    private static void warnIfReachable(String host) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            LOG.warn("The management server (health, metrics, dev console) listens on {}, reachable from other machines ({})",
                    host, HOST);
        }
    }
}
