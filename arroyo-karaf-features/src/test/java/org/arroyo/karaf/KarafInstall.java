package org.arroyo.karaf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.version.Version;
import aQute.bnd.version.VersionRange;
import org.arroyo.karaf.ClassPathJars.Jar;

/**
 * What installing one of our features puts into a Karaf 4.4 with camel-karaf's features: the packages exported, and
 * the bundles whose imports must then resolve. Karaf itself is modelled as its system bundle (the JDK's packages,
 * java.* included as an OSGi R7 framework exports them) and pax-logging (org.slf4j 2). camel-karaf's features are not reachable from this build, so
 * {@link #CAMEL_KARAF} lists, for those ours name, the Maven artifacts camel-karaf 4.14.5's features file installs; each
 * stands for its bundle through the same artifact on the test class path:
 * <ul>
 * <li>{@code camel:A}: camel-karaf's re-bundled {@code org.apache.camel:A}, exporting its packages at {@link #CAMEL_KARAF_VERSION};</li>
 * <li>{@code bundle:G:A}: an OSGi bundle as published, exporting what its manifest says;</li>
 * <li>{@code wrap:G:A}: a plain jar wrapped by Karaf ({@code wrap:}), taken as exporting all its packages at version 0;</li>
 * <li>{@code feature:NAME}: another of camel-karaf's features.</li>
 * </ul>
 */
final class KarafInstall {

    static final Version CAMEL_KARAF_VERSION = Version.parseVersion("4.14.5");

    static final Map<String, List<String>> CAMEL_KARAF = Map.ofEntries(
            Map.entry("camel-core", List.of("camel:camel-api", "camel:camel-util", "camel:camel-support", "camel:camel-management-api",
                    "camel:camel-core-model", "camel:camel-core-processor", "camel:camel-core-engine", "camel:camel-core-reifier",
                    "camel:camel-base", "camel:camel-base-engine", "camel:camel-bean", "camel:camel-seda", "camel:camel-direct",
                    "camel:camel-file", "camel:camel-util-json")),
            Map.entry("jackson", List.of("bundle:com.fasterxml.jackson.core:jackson-databind", "bundle:com.fasterxml.jackson.core:jackson-core",
                    "bundle:com.fasterxml.jackson.core:jackson-annotations")),
            Map.entry("netty", List.of("bundle:io.netty:netty-buffer", "bundle:io.netty:netty-common", "bundle:io.netty:netty-codec",
                    "bundle:io.netty:netty-codec-http", "bundle:io.netty:netty-handler", "bundle:io.netty:netty-resolver",
                    "bundle:io.netty:netty-transport", "bundle:io.netty:netty-transport-native-unix-common")),
            Map.entry("spring", List.of("wrap:org.springframework:spring-core", "wrap:org.springframework:spring-expression",
                    "wrap:org.springframework:spring-beans", "wrap:org.springframework:spring-aop", "wrap:org.springframework:spring-context",
                    "wrap:org.springframework:spring-context-support")),
            Map.entry("spring-tx", List.of("feature:spring", "wrap:org.springframework:spring-tx")),
            Map.entry("spring-messaging", List.of("feature:spring", "wrap:org.springframework:spring-messaging")),
            Map.entry("spring-jms", List.of("feature:spring-tx", "bundle:jakarta.jms:jakarta.jms-api", "wrap:org.springframework:spring-jms")),
            Map.entry("camel-kafka", List.of("feature:camel-core", "feature:jackson", "wrap:org.apache.kafka:kafka-clients", "camel:camel-kafka")),
            Map.entry("camel-spring-redis", List.of("feature:camel-core", "feature:spring-tx", "wrap:org.springframework.data:spring-data-commons",
                    "wrap:org.springframework.data:spring-data-redis", "camel:camel-spring-redis")),
            // camel-karaf's camel-spring-rabbitmq bundle embeds and exports spring-amqp and spring-rabbit
            Map.entry("camel-spring-rabbitmq", List.of("feature:camel-core", "feature:spring-tx", "feature:spring-messaging",
                    "wrap:org.springframework.retry:spring-retry", "bundle:com.rabbitmq:amqp-client", "camel:camel-spring-rabbitmq",
                    "wrap:org.springframework.amqp:spring-amqp", "wrap:org.springframework.amqp:spring-rabbit")),
            Map.entry("camel-netty", List.of("feature:camel-core", "feature:netty", "camel:camel-netty")),
            Map.entry("camel-micrometer", List.of("feature:camel-core", "feature:jackson", "wrap:io.micrometer:micrometer-core",
                    "bundle:io.micrometer:micrometer-commons", "camel:camel-micrometer")),
            Map.entry("camel-http", List.of("feature:camel-core", "camel:camel-http-base", "camel:camel-http-common", "camel:camel-http")),
            Map.entry("camel-jms", List.of("feature:camel-core", "feature:spring-jms", "camel:camel-jms")),
            Map.entry("camel-vertx-common", List.of("feature:camel-core", "feature:netty", "wrap:io.vertx:vertx-core", "camel:camel-vertx-common")),
            Map.entry("camel-vertx-websocket", List.of("feature:camel-vertx-common", "wrap:io.vertx:vertx-web", "camel:camel-vertx-websocket")));

    /** A package some installed bundle (or Karaf itself) exports, and which bundle. */
    record Export(String packageName, Version version, String exporter) {
    }

    /** A bundle our features file names as an OSGi bundle ({@code mvn:}): its imports must resolve. */
    record NamedBundle(String url, Jar jar) {
    }

    private final FeaturesFile file;
    private final ClassPathJars jars;
    private final List<Export> exports = new ArrayList<>();
    private final List<NamedBundle> bundles = new ArrayList<>();
    private final Set<String> visited = new LinkedHashSet<>();

    private KarafInstall(FeaturesFile file, ClassPathJars jars) {
        this.file = file;
        this.jars = jars;
        exportKarafItself();
    }

    /** What {@code feature:install NAME} installs, NAME a feature of the file, with all it requires. */
    static KarafInstall of(FeaturesFile file, ClassPathJars jars, String feature) {
        KarafInstall install = new KarafInstall(file, jars);
        install.feature(feature);
        return install;
    }

    List<NamedBundle> namedBundles() {
        return bundles;
    }

    /** The imports of a named bundle that nothing installed exports in the range asked, each with why; optional ones too when {@code withOptional}. */
    List<String> unresolvedImports(NamedBundle bundle, boolean withOptional) {
        List<String> unresolved = new ArrayList<>();
        Parameters imports = new Parameters(bundle.jar().header("Import-Package"), null, true);
        for (Map.Entry<String, Attrs> entry : imports.entrySet()) {
            String name = entry.getKey().replace("~", "");
            boolean optional = "optional".equals(entry.getValue().get("resolution:"));
            String version = entry.getValue().get("version");
            VersionRange range = new VersionRange(version == null ? "0" : version);
            if ((withOptional || !optional) && exports.stream()
                    .noneMatch(export -> export.packageName().equals(name) && range.includes(export.version()))) {
                unresolved.add(name + (version == null ? "" : " " + version) + (optional ? " (optional)" : "") + ": exported by "
                        + exports.stream().filter(export -> export.packageName().equals(name)).map(e -> e.exporter() + " " + e.version()).toList());
            }
        }
        return unresolved;
    }

    private void feature(String name) {
        if (!visited.add("feature:" + name)) {
            return;
        }
        FeaturesFile.Feature ours = file.features().get(name);
        if (ours != null) {
            ours.features().forEach(this::feature);
            ours.bundles().forEach(this::bundleUrl);
        } else if (CAMEL_KARAF.containsKey(name)) {
            CAMEL_KARAF.get(name).forEach(this::camelKarafEntry);
        } else {
            throw new AssertionError("feature " + name + " is neither in " + file.file() + " nor one of camel-karaf's listed in KarafInstall.CAMEL_KARAF");
        }
    }

    /** mvn:G/A/V, or wrap:mvn:G/A/V$instructions; V must be the version the build uses. */
    private void bundleUrl(String url) {
        boolean wrapped = url.startsWith("wrap:");
        String[] gav = url.replaceFirst("^(wrap:)?mvn:", "").replaceFirst("\\$.*", "").split("/");
        Jar jar = jars.get(gav[0] + ":" + gav[1]);
        if (!jar.version().equals(gav[2])) {
            throw new AssertionError(url + " names version " + gav[2] + ", the build uses " + jar.version());
        }
        if (wrapped) {
            exportWrapped(jar);
        } else {
            exportBundle(jar);
            bundles.add(new NamedBundle(url, jar));
        }
    }

    private void camelKarafEntry(String entry) {
        String kind = entry.substring(0, entry.indexOf(':'));
        String what = entry.substring(kind.length() + 1);
        switch (kind) {
            case "feature" -> feature(what);
            case "camel" -> jars.get("org.apache.camel:" + what).packages()
                    .forEach(name -> exports.add(new Export(name, CAMEL_KARAF_VERSION, "camel-karaf " + what)));
            case "bundle" -> exportBundle(jars.get(what));
            case "wrap" -> exportWrapped(jars.get(what));
            default -> throw new AssertionError("unknown kind in KarafInstall.CAMEL_KARAF: " + entry);
        }
    }

    private void exportBundle(Jar jar) {
        if (!jar.isBundle()) {
            throw new AssertionError(jar.coordinates() + " is not an OSGi bundle: install it with wrap:");
        }
        Parameters header = new Parameters(jar.header("Export-Package"), null, true);
        header.forEach((name, attrs) -> exports.add(new Export(name.replace("~", ""),
                Version.parseVersion(attrs.getOrDefault("version", "0")), jar.coordinates())));
    }

    /** Karaf's wrap: keeps a bundle's own exports (overwrite=merge) and exports every package of a plain jar. */
    private void exportWrapped(Jar jar) {
        if (jar.isBundle()) {
            exportBundle(jar);
        } else {
            jar.packages().forEach(name -> exports.add(new Export(name, Version.emptyVersion, "wrap:" + jar.coordinates())));
        }
    }

    private void exportKarafItself() {
        ModuleLayer.boot().modules().stream().flatMap(module -> module.getDescriptor().exports().stream())
                .filter(export -> !export.isQualified())
                .forEach(export -> exports.add(new Export(export.source(), Version.emptyVersion, "Karaf's system bundle")));
        exportBundle(jars.get("org.slf4j:slf4j-api"));
    }
}
