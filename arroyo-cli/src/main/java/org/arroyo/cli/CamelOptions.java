package org.arroyo.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import picocli.CommandLine.Option;

/**
 * What the commands that run Camel share: properties and extra classpath. Camel Main reads
 * {@code application.properties} from the working directory; {@code -D} overrides it.
 */
final class CamelOptions {

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "A property for placeholders and Camel (camel.main.*, camel.component.*); "
                          + "overrides application.properties in the working directory.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = { "-cp", "--classpath" }, paramLabel = "PATH", split = "${sys:path.separator}",
            description = "Jars and class directories with your operators and other beans, separated by '${sys:path.separator}'.")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long stopping may wait for messages in flight (e.g. a publisher without a peer) before it "
                          + "abandons them, unacknowledged, so a durable listener delivers them again after a restart "
                          + "(camel.main.shutdownTimeout); default ${DEFAULT-VALUE}.")
    int stopTimeout;

    /** A Camel Main (context name {@code arroyo}) with these properties and classpath. */
    Main main() {
        Main main = classpath.isEmpty() ? new Main() : mainWith(new URLClassLoader(urls(), CamelOptions.class.getClassLoader()));
        main.configure().withName("arroyo").withShutdownTimeout(stopTimeout);
        main.setDefaultPropertyPlaceholderLocation("file:application.properties;optional=true");
        properties.forEach(main::addOverrideProperty);
        return main;
    }

    /** A Main whose context loads classes, components and plugins through the loader from its creation on. */
    private static Main mainWith(ClassLoader loader) {
        return new Main() {
            @Override
            protected CamelContext createCamelContext() {
                CamelContext context = super.createCamelContext();
                context.setApplicationContextClassLoader(loader);
                return context;
            }
        };
    }

    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException(entry + ": no such file or directory (in --classpath)");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entry + ": not a classpath entry: " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
