package org.arroyo.test.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The interop data the Python libraries wrote (see {@code interop/README.md} in this jar): the wire
 * vectors and the Zocalo recipe cases. They are resources of this test kit; where the kit is a jar,
 * they are copied once to a temporary directory, so that peers and commands can be given file paths.
 */
final class InteropData {

    static final String RESOURCE_ROOT = "org/arroyo/test/infra/interop/";

    /** JSON as the Python libraries' expectations are read: integers as Long. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    private static Path directory;

    private InteropData() {
    }

    /** The directory holding {@code vectors/} and {@code recipes.json}. */
    static synchronized Path directory() {
        if (directory == null) {
            directory = locate();
        }
        return directory;
    }

    private static Path locate() {
        URL readme = InteropData.class.getClassLoader().getResource(RESOURCE_ROOT + "README.md");
        if (readme == null) {
            throw new IllegalStateException("the interop data (" + RESOURCE_ROOT + ") is not on the class path");
        }
        try {
            if ("file".equals(readme.getProtocol())) {
                return Path.of(readme.toURI()).getParent();
            }
            return extract();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extract() throws IOException {
        Path target = Files.createTempDirectory("arroyo-interop");
        List<String> files = new ArrayList<>(List.of("README.md", "recipes.json", "vectors/manifest.json"));
        files.addAll(InteropVectors.fileNames(resource("vectors/manifest.json")));
        for (String name : files) {
            Path file = target.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, resource(name));
        }
        return target;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = InteropData.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("interop resource missing: " + RESOURCE_ROOT + name);
            }
            return in.readAllBytes();
        }
    }
}
