package org.arroyo.camel.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Message;

/**
 * Header changes for the duration of one send: {@link #restore} puts every header it touched back
 * as it was.
 */
public final class HeaderOverlay {

    private final Message message;
    private final Map<String, Object> previous = new LinkedHashMap<>();

    public HeaderOverlay(Message message) {
        this.message = message;
    }

    public HeaderOverlay set(String name, Object value) {
        remember(name);
        message.setHeader(name, value);
        return this;
    }

    public HeaderOverlay remove(String name) {
        remember(name);
        message.removeHeader(name);
        return this;
    }

    /** Removes every header whose name starts with the prefix. */
    public HeaderOverlay removeStartingWith(String prefix) {
        message.getHeaders().keySet().stream().filter(name -> name.startsWith(prefix)).toList().forEach(this::remove);
        return this;
    }

    public void restore() {
        previous.forEach((name, value) -> {
            if (value == null) {
                message.removeHeader(name);
            } else {
                message.setHeader(name, value);
            }
        });
        previous.clear();
    }

    private void remember(String name) {
        previous.putIfAbsent(name, message.getHeader(name));
    }
}
