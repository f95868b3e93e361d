package org.arroyo.karaf;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jars of the test class path by Maven coordinates: the Arroyo bundles the reactor built (their {@code target/}
 * jars) and the third-party jars of the local repository, each with its manifest's main attributes and its packages.
 */
final class ClassPathJars {

    /** A jar: {@code groupId:artifactId}, version, manifest headers, the packages holding its classes. */
    record Jar(String coordinates, String version, Attributes manifest, Set<String> packages) {

        String header(String name) {
            return manifest.getValue(name);
        }

        boolean isBundle() {
            return header("Bundle-SymbolicName") != null;
        }
    }

    /** The local repository's path: Maven's {@code settings.localRepository}, wherever {@code maven.repo.local} put it. */
    private static final Pattern IN_REPOSITORY = Pattern.compile(Pattern.quote(localRepository()) + "/(.+)/([^/]+)/([^/]+)/\\2-\\3\\.jar");
    private static final Pattern IN_REACTOR = Pattern.compile(".*/([^/]+)/target/\\1-([^/]+)\\.jar");

    private final Map<String, Jar> jars = new HashMap<>();

    ClassPathJars() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = Path.of(entry).toAbsolutePath().toString();
            Matcher repository = IN_REPOSITORY.matcher(path);
            Matcher reactor = IN_REACTOR.matcher(path);
            if (repository.matches()) {
                add(repository.group(1).replace('/', '.') + ":" + repository.group(2), repository.group(3), path);
            } else if (reactor.matches()) {
                add("org.arroyo:" + reactor.group(1), reactor.group(2), path);
            }
        }
    }

    private static String localRepository() {
        String repository = System.getProperty("arroyo.localRepository");
        if (repository == null) {
            throw new IllegalStateException("system property arroyo.localRepository is not set: run this test with Maven");
        }
        return Path.of(repository).toAbsolutePath().normalize().toString();
    }

    /** The jar of these coordinates ({@code groupId:artifactId}); an AssertionError when the class path has none. */
    Jar get(String coordinates) {
        Jar jar = jars.get(coordinates);
        if (jar == null) {
            throw new AssertionError(coordinates + " is not on the test class path; add it to arroyo-karaf-features' dependencies");
        }
        return jar;
    }

    /** The Arroyo jars the reactor built. */
    Set<String> arroyoBundles() {
        return new TreeSet<>(jars.keySet().stream().filter(coordinates -> coordinates.startsWith("org.arroyo:")).toList());
    }

    private void add(String coordinates, String version, String path) {
        try (JarFile file = new JarFile(path)) {
            Set<String> packages = new TreeSet<>();
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
            Attributes manifest = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            jars.put(coordinates, new Jar(coordinates, version, manifest, packages));
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
