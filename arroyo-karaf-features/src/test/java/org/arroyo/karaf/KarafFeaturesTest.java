package org.arroyo.karaf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.arroyo.karaf.KarafInstall.NamedBundle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Karaf packaging, checked without a Karaf (camel-karaf's bundles are not reachable from this build): the features
 * file is valid against Karaf's schema and names every Arroyo bundle, and installing each of its features leaves no
 * bundle it names with an import that nothing installed exports.
 */
class KarafFeaturesTest {

    private static final String SCHEMA = "org/apache/karaf/features/karaf-features-1.6.0.xsd";
    /** The library modules, the bundles the features install; the test class path has the jars the reactor built. */
    private static final Set<String> LIBRARY_BUNDLES = Set.of("camel-arroyo", "camel-zeromq", "camel-redis-stream", "camel-streampy",
            "arroyo-zocalo", "arroyo-brokers", "arroyo-view");

    private final ClassPathJars jars = new ClassPathJars();

    @Test
    void theFeaturesFileIsValidAgainstKarafsSchema() throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource(SCHEMA))
                .newValidator().validate(new StreamSource(FeaturesFile.BUILT.toFile()));

        assertThat(FeaturesFile.read(FeaturesFile.BUILT).repositories())
                .containsExactly("mvn:org.apache.camel.karaf/apache-camel/" + KarafInstall.CAMEL_KARAF_VERSION + "/xml/features");
    }

    @Test
    void everyLibraryModuleIsABundleNamedOnceInTheFeatures() throws Exception {
        FeaturesFile features = FeaturesFile.read(FeaturesFile.BUILT);
        List<String> named = features.features().values().stream().flatMap(feature -> feature.bundles().stream())
                .filter(url -> url.startsWith("mvn:org.arroyo/")).map(url -> url.split("/")[1]).toList();

        assertThat(named).containsExactlyInAnyOrderElementsOf(LIBRARY_BUNDLES);
        for (String module : LIBRARY_BUNDLES) {
            ClassPathJars.Jar jar = jars.get("org.arroyo:" + module);
            assertThat(jar.header("Bundle-SymbolicName")).isEqualTo("org.arroyo." + module);
            assertThat(jar.header("Export-Package")).as(module + " exports its packages").contains("org.arroyo.");
        }
    }

    @Test
    void everyFeatureInstallsWhatItsBundlesImport() throws Exception {
        FeaturesFile features = FeaturesFile.read(FeaturesFile.BUILT);
        Map<String, List<String>> unresolved = new TreeMap<>();
        for (String feature : features.features().keySet()) {
            KarafInstall install = KarafInstall.of(features, jars, feature);
            assertThat(install.namedBundles()).as(feature + " installs bundles").isNotEmpty();
            for (NamedBundle bundle : install.namedBundles()) {
                // ours must find even their optional imports (what arroyo-brokers leaves to the application); others their mandatory ones
                boolean ours = bundle.url().startsWith("mvn:org.arroyo/");
                List<String> missing = new ArrayList<>(install.unresolvedImports(bundle, ours));
                if (!missing.isEmpty()) {
                    unresolved.put(feature + ": " + bundle.url(), missing);
                }
            }
        }
        assertThat(unresolved).as("imports nothing installed by the feature exports").isEmpty();
    }
}
