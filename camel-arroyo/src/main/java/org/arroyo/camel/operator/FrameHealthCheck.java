package org.arroyo.camel.operator;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * A readiness check of one pipeline's frames: DOWN while its current run is losing frames ({@link FrameCount#losing}),
 * UP otherwise; a new run starts UP. Its id is {@code arroyo-frames-NAME}, in group {@value #GROUP}.
 */
final class FrameHealthCheck implements HealthCheck {

    static final String GROUP = "arroyo";

    private final String id;
    private final Supplier<FrameCount> current;
    private boolean enabled = true;

    FrameHealthCheck(String pipeline, Supplier<FrameCount> current) {
        this.id = "arroyo-frames-" + pipeline;
        this.current = current;
    }

    @Override
    public Result call(Map<String, Object> options) {
        FrameCount run = current.get();
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this)
                .detail("run", run.run())
                .detail("frames", run.frames())
                .detail("gaps", run.gaps())
                .detail("missing", run.missing())
                .detail("duplicates", run.duplicates())
                .detail("out_of_order", run.outOfOrder());
        if (run.declared() != null) {
            result.detail("declared", run.declared());
        }
        return run.losing() ? result.down().message("run " + run.run() + " is losing frames: " + run).build() : result.up().build();
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String getGroup() {
        return GROUP;
    }

    @Override
    public String getId() {
        return id;
    }
}
