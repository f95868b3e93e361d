package org.arroyo.camel.operator;

import java.util.Arrays;
import java.util.List;

/** Endpoint URIs written as one text, separated by commas as in Camel's recipient list. */
public final class EndpointUris {

    private EndpointUris() {
    }

    /** The URIs, stripped; none for a blank text. */
    public static List<String> split(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toList();
    }
}
