package org.arroyo.test.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zocalo recipes with what python-workflows' {@code Recipe} class said of them
 * ({@code recipes.json}): each case's fields as Python's {@code json} reads them (objects in key
 * order, integers as Long).
 */
public final class RecipeCases {

    /** One case: its name and its fields. */
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
        return InteropData.directory().resolve("recipes.json");
    }

    public static List<Case> all() {
        try {
            JsonNode root = InteropData.JSON.readTree(file().toFile());
            List<LinkedHashMap<String, Object>> cases = InteropData.JSON.convertValue(root.get("cases"),
                    new TypeReference<List<LinkedHashMap<String, Object>>>() { });
            return cases.stream().map(fields -> new Case((String) fields.get("name"), fields)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
