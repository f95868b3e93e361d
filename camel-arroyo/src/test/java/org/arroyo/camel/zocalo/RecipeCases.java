package org.arroyo.camel.zocalo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.test.InteropVectors;

/**
 * The recipes python-workflows judged, read from {@code interop/recipes.json} in the shared
 * directory (system property {@code arroyo.shared.dir}, else {@code ../../shared}); a missing
 * file fails the test.
 */
public final class RecipeCases {

    /** One case: its name and its fields as JSON reads them. */
    public record Case(String name, Map<String, Object> fields) {

        public Object get(String field) {
            if (!fields.containsKey(field)) {
                throw new AssertionError(name + " has no field " + field);
            }
            return fields.get(field);
        }

        public boolean has(String field) {
            return fields.containsKey(field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RecipeCases() {
    }

    public static Path file() {
        Path file = InteropVectors.sharedDir().resolve("interop/recipes.json");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("recipe interop cases not found at " + file
                    + ": the shared directory must sit beside the project checkout (or set -Darroyo.shared.dir)");
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    public static List<Case> all() {
        try {
            Map<String, Object> root = RecipeJson.parseObject(Files.readString(file()), "recipes.json");
            return ((List<Map<String, Object>>) root.get("cases")).stream()
                    .map(fields -> new Case((String) fields.get("name"), fields))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
