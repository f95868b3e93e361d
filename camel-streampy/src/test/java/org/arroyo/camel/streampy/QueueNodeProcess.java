package org.arroyo.camel.streampy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A queue node with a journal alone in its process, for a test that kills it. Arguments: the UDP
 * port of 127.0.0.1, the journal file. It prints {@link #STARTED} once it serves, then runs until
 * the process ends.
 */
public final class QueueNodeProcess {

    static final String STARTED = "queue node started";

    private QueueNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new QueueNode("crash", "127.0.0.1", Integer.parseInt(args[0])).capacity(100_000)
                .journal(Path.of(args[1]), false));
        context.start();
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
