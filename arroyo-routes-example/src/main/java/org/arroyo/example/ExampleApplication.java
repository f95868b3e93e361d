package org.arroyo.example;

import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.main.Main;

/**
 * Runs the example in Camel Main: the system property {@code arroyo.example.dsl} chooses the Java,
 * XML or YAML variant of the same routes; {@code camel.main.profile} (redis, kafka, rabbitmq) switches the
 * listener and publishers from the embedded ZeroMQ default to a broker. The application exits
 * when the scan has been reduced, unless {@code arroyo.example.keep-running=true}: then the detector
 * records scan after scan until Ctrl-C, to be watched on the page {@code arroyo.example.view} serves.
 */
public final class ExampleApplication {

    private ExampleApplication() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        create(System.getProperty("arroyo.example.dsl", "java")).run(args);
    }

    /** A Camel Main with the example's beans and the routes in the given DSL: java, xml or yaml. */
    public static Main create(String dsl) {
        Main main = new Main();
        main.bind("main", main);
        main.configure().addConfiguration(Beans.class);
        switch (dsl) {
            case "java" -> main.configure().addRoutesBuilder(new SaxsRoutes());
            case "xml", "yaml" -> main.configure().withRoutesIncludePattern("classpath:routes/saxs." + dsl);
            default -> throw new IllegalArgumentException("arroyo.example.dsl must be java, xml or yaml, not '" + dsl + "'");
        }
        return main;
    }

    /** The example's beans, configured from properties. */
    public static class Beans implements CamelConfiguration {

        @PropertyInject(value = "arroyo.detector.frames")
        private int frames;

        @PropertyInject(value = "arroyo.reduction.bins")
        private int bins;

        @PropertyInject(value = "arroyo.example.output-dir")
        private String outputDir;

        @PropertyInject(value = "arroyo.example.keep-running", defaultValue = "false")
        private boolean keepRunning;

        @PropertyInject(value = "arroyo.detector.uri")
        private String detectorUri;

        @PropertyInject(value = "arroyo.listener")
        private String listener;

        @PropertyInject(value = "arroyo.publisher")
        private String publisher;

        @BindToRegistry("detector")
        public DetectorSimulator detector() {
            return new DetectorSimulator(DetectorSimulator.defaultGeometry(), frames, "saxs-demo", 42);
        }

        @BindToRegistry("reduction")
        public AzimuthalIntegration reduction() {
            return new AzimuthalIntegration(bins);
        }

        /** Keeping running, the detector's timer never stops (a repeat count of 0): the detector starts scan after scan. */
        @Override
        public void configure(CamelContext camelContext) {
            if (keepRunning) {
                camelContext.getPropertiesComponent().addOverrideProperty("arroyo.detector.messages", "0");
            }
        }

        /** Writes the results; when the run is complete, ends the application unless it keeps running. */
        @BindToRegistry("results")
        public ResultsWriter results(@BeanInject("main") Main main) {
            Runnable done = keepRunning ? () -> { } : main::completed;
            return new ResultsWriter(Path.of(outputDir), System.out, done,
                    Map.of("detector", detectorUri, "pipeline_listener", listener, "pipeline_publisher", publisher));
        }
    }
}
