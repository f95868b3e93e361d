package org.arroyo.camel.view;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Where an arroyo-view page is served and how often it is refreshed. */
@UriParams
public class ViewConfiguration {

    @UriPath(description = "The view's name: its page is http://HOST:PORT/arroyo-view/NAME/")
    @Metadata(required = true)
    private String name;
    @UriParam(defaultValue = "127.0.0.1", defaultValueNote = "the component's host",
              description = "The address the page and its websocket listen on; anything but a loopback address lets other machines watch")
    private String host;
    @UriParam(defaultValue = "8070", defaultValueNote = "the component's port",
              description = "The HTTP port of the page and its websocket; views on one port share its server")
    private int port;
    @UriParam(defaultValue = "250", javaType = "java.time.Duration",
              description = "The shortest time between two updates of the page: messages arriving faster are counted, and only the latest is shown")
    private long refreshInterval = 250;
    @UriParam(defaultValue = "512",
              description = "The largest side, in pixels, of the frame image sent to the page (larger frames are shown one pixel in N), also the most points of a plot")
    private int maxSide = 512;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public long getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(long refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public int getMaxSide() {
        return maxSide;
    }

    public void setMaxSide(int maxSide) {
        this.maxSide = maxSide;
    }

    void validate() {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("arroyo-view needs a name of letters, digits, '.', '_' or '-', e.g. arroyo-view:saxs, not '" + name + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("arroyo-view:" + name + ": port must be between 1 and 65535, not " + port);
        }
        if (refreshInterval < 1) {
            throw new IllegalArgumentException("arroyo-view:" + name + ": refreshInterval must be positive, not " + refreshInterval + " ms");
        }
        if (maxSide < 16) {
            throw new IllegalArgumentException("arroyo-view:" + name + ": maxSide must be at least 16, not " + maxSide);
        }
    }
}
