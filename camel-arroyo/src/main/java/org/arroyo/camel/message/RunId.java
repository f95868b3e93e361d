package org.arroyo.camel.message;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where Arroyo senders write a run's id: the first of {@link #FIELDS} in a start's data or an event's metadata. */
public final class RunId {

    /** The field names, in the order they are looked for. */
    public static final List<String> FIELDS = List.of("run_id", "run", "scan_id", "uid", "run_name", "scan_name");

    private RunId() {
    }

    /** The run id these fields hold, as text. */
    public static Optional<String> in(Map<String, Object> fields) {
        return FIELDS.stream().filter(fields::containsKey).findFirst().map(name -> String.valueOf(fields.get(name)));
    }
}
