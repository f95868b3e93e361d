package org.arroyo.cli;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** A readiness check that is always DOWN, bound from a route file: a check in the context shows under ready, not live. */
public class NotReady extends AbstractHealthCheck {

    public NotReady() {
        super("arroyo", "not-ready");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.message("told to be not ready").down();
    }
}
