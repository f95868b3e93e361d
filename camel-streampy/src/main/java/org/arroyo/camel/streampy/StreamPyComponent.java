package org.arroyo.camel.streampy;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code streampy} component: clients of stream-py queue nodes and sockets. */
@Component("streampy")
public class StreamPyComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] parts = remaining.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("streampy URI must be streampy:queue:HOST:PORT or streampy:socket:HOST:PORT, got "
                    + uri);
        }
        StreamPyEndpoint endpoint = new StreamPyEndpoint(uri, this);
        endpoint.setKind(StreamPyKind.fromName(parts[0]));
        endpoint.setHost(parts[1]);
        try {
            endpoint.setPort(Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("streampy URI port must be a number, got '" + parts[2] + "' in " + uri, e);
        }
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
