package org.arroyo.camel.broker;

import java.net.URISyntaxException;
import java.util.Set;

import org.apache.camel.util.URISupport;

/** The option names an endpoint URI gives, so a default applies only where the user chose nothing. */
public final class UriOptions {

    private UriOptions() {
    }

    public static Set<String> of(String uri) {
        try {
            return URISupport.parseQuery(URISupport.extractQuery(uri)).keySet();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the options of endpoint URI " + URISupport.sanitizeUri(uri), e);
        }
    }
}
