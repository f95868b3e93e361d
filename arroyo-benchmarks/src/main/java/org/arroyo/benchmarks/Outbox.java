package org.arroyo.benchmarks;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** Where the source sends: a ZeroMQ PUSH socket, or a destination on a broker ({@link BrokerClient#publisher}). */
interface Outbox extends AutoCloseable {

    /** Sends one message; blocks while the next stage is too far behind (ZeroMQ's high water mark, a {@link Backlog}). */
    void send(byte[] message) throws Exception;

    /** Returns when the broker has everything sent so far: the end of a run. */
    default void flush() throws Exception {
    }

    /**
     * Returns when the next stage has taken what was sent, so that a paced run's latency is not the time its first
     * events wait behind the previous run's; a broker's outbox waits for its {@link Backlog} to empty.
     */
    default void awaitDrained() throws Exception {
    }

    /** A ZeroMQ PUSH socket bound to the address; it keeps unsent messages when closed. */
    static Outbox bindPush(String address, int hwm) {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setSndHWM(hwm);
        push.setLinger(-1);
        push.bind(address);
        return new Outbox() {
            @Override
            public void send(byte[] message) {
                push.send(message);
            }

            @Override
            public void close() {
                push.close();
                context.close();
            }
        };
    }
}
