package org.arroyo.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.arroyo.camel.message.ArroyoMessage;
import org.arroyo.camel.message.Event;
import org.arroyo.camel.message.Start;
import org.arroyo.camel.message.Stop;
import org.arroyo.camel.operator.Operator;

/**
 * A test operator set up the ways the route DSLs can: a constructor argument (the label) and a bean
 * properties (copies, firstCopy). Tags each event with the label and its copy number, refuses an event marked
 * {@code refuse}, and reports the events it saw in the stop.
 */
public class Tagger implements Operator {

    private final String label;
    private int copies = 1;
    private int firstCopy = 1;
    private long events;

    public Tagger(String label) {
        this.label = label;
    }

    public void setCopies(int copies) {
        this.copies = copies;
    }

    public void setFirstCopy(int firstCopy) {
        this.firstCopy = firstCopy;
    }

    @Override
    public List<? extends ArroyoMessage> onStart(Start start) {
        events = 0;
        return List.of(start);
    }

    @Override
    public List<? extends ArroyoMessage> onEvent(Event event) {
        if (Boolean.TRUE.equals(event.metadata().get("refuse"))) {
            throw new IllegalArgumentException("event refused");
        }
        events++;
        List<Event> tagged = new ArrayList<>();
        for (int copy = firstCopy; copy < firstCopy + copies; copy++) {
            Map<String, Object> metadata = new LinkedHashMap<>(event.metadata());
            metadata.put("label", label);
            metadata.put("copy", copy);
            tagged.add(event.withMetadata(metadata));
        }
        return tagged;
    }

    @Override
    public List<? extends ArroyoMessage> onStop(Stop stop) {
        Map<String, Object> data = new LinkedHashMap<>(stop.data());
        data.put("events_seen", events);
        return List.of(new Stop(data));
    }
}
