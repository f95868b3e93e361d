package org.arroyo.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop a running command cleanly: the first runs the stop action (Camel
 * then finishes the messages in flight and stops the routes) and the command exits with 0; a second
 * signal exits at once. Closing restores the handlers that were there before.
 */
final class StopSignals implements AutoCloseable {

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals(Runnable stop, PrintWriter err) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                err.println("arroyo: SIG" + signal.getName() + " received, stopping (again to stop at once)");
                err.flush();
                stop.run();
            } else {
                System.exit(128 + signal.getNumber());
            }
        };
        for (String name : new String[] { "INT", "TERM" }) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, handler));
        }
    }

    static StopSignals install(Runnable stop, PrintWriter err) {
        return new StopSignals(stop, err);
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
