package org.arroyo.camel.dsl;

import java.util.Locale;

/** Names as arroyopy's Python writes them ({@code batch_size}) and as Java's bean properties do ({@code batchSize}). */
final class Names {

    private Names() {
    }

    /** {@code batch_size} → {@code batchSize}; a name without underscores stays as it is. */
    static String camelCase(String name) {
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_' && !camel.isEmpty()) {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** {@code batchSize} → {@code batch_size}. */
    static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
