package org.arroyo.camel.zeromq;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.camel.Endpoint;
import org.apache.camel.Service;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The zeromq component. All its endpoints share one ZeroMQ context, so inproc:// addresses connect endpoints of the
 * same CamelContext.
 */
@Component("zeromq")
public class ZeroMqComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroMqComponent.class);

    @Metadata(label = "advanced", defaultValue = "1")
    private int ioThreads = 1;

    /** The endpoint's URI options, as the generated URI factory knows them (the path parameters aside). */
    private static final String OPTIONS = new ZeroMqEndpointUriFactory().propertyNames().stream()
            .filter(name -> !name.equals("socketType") && !name.equals("address")).sorted().collect(Collectors.joining(", "));

    private ZMQ.Context context;
    private CurveAuthenticator curveAuthenticator;

    /** The producers and consumers whose sockets are open: closing the context waits for every socket. */
    private final Set<Service> socketOwners = ConcurrentHashMap.newKeySet();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ZeroMqConfiguration configuration = new ZeroMqConfiguration();
        ZeroMqEndpoint endpoint = new ZeroMqEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        // a misspelt option is named first: the checks below would otherwise speak of what it was meant to set
        // (bnd=true gives "a wildcard can only be bound")
        if (!parameters.isEmpty() && !endpoint.isLenientProperties()) {
            throw new IllegalArgumentException("unknown option" + (parameters.size() == 1 ? " '" : "s '")
                    + String.join("', '", new TreeSet<>(parameters.keySet())) + "'; the zeromq options are " + OPTIONS);
        }
        int colon = remaining.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "Expected zeromq:SOCKETTYPE:ADDRESS, e.g. zeromq:SUB:tcp://127.0.0.1:5555, got zeromq:" + remaining);
        }
        configuration.setSocketType(ZeroMqSocketType.parse(remaining.substring(0, colon)));
        configuration.setAddress(remaining.substring(colon + 1));
        configuration.validate();
        return endpoint;
    }

    /** The ZeroMQ context of this component, created when the first socket needs it. */
    synchronized ZMQ.Context zmqContext() {
        if (context == null) {
            context = ZMQ.context(ioThreads);
            // JeroMQ prints these to stderr by default; connection noise belongs in the log
            context.setNotificationExceptionHandler(
                    (thread, e) -> LOG.debug("ZeroMQ I/O thread {} noticed {}", thread.getName(), e.toString()));
            context.setUncaughtExceptionHandler(
                    (thread, e) -> LOG.error("ZeroMQ I/O thread {} failed", thread.getName(), e));
        }
        return context;
    }

    /** The authentication handler of this component's ZeroMQ context, started when a CURVE server first lists its clients. */
    synchronized CurveAuthenticator curveAuthenticator() {
        if (curveAuthenticator == null) {
            try {
                curveAuthenticator = new CurveAuthenticator(zmqContext(),
                        getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "ZeroMQ CURVE authentication"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the ZeroMQ authentication handler", e);
            }
        }
        return curveAuthenticator;
    }

    void socketOpened(Service owner) {
        socketOwners.add(owner);
    }

    void socketClosed(Service owner) {
        socketOwners.remove(owner);
    }

    @Override
    protected void doStop() throws Exception {
        // a producer template is not stopped with its CamelContext; its sockets would block the close forever
        ServiceHelper.stopService(List.copyOf(socketOwners));
        synchronized (this) {
            if (curveAuthenticator != null) {
                curveAuthenticator.stop();
                curveAuthenticator = null;
            }
            if (context != null) {
                context.close();
                context = null;
            }
        }
        super.doStop();
    }

    public int getIoThreads() {
        return ioThreads;
    }

    /**
     * Number of ZeroMQ I/O threads of the context shared by all endpoints of this component.
     */
    public void setIoThreads(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        this.ioThreads = ioThreads;
    }
}
