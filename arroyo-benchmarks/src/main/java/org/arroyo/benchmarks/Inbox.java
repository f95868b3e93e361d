package org.arroyo.benchmarks;

import java.time.Duration;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** Where the sink receives: a ZeroMQ PULL socket, or a destination on a broker ({@link BrokerClient#subscriber}). */
interface Inbox extends AutoCloseable {

    /** The next message, or null when none came within the idle timeout. */
    byte[] next() throws Exception;

    /** A ZeroMQ PULL socket connected to the address. */
    static Inbox connectPull(String address, int hwm, Duration idleTimeout) {
        ZMQ.Context context = ZMQ.context(1);
        ZMQ.Socket pull = context.socket(SocketType.PULL);
        pull.setRcvHWM(hwm);
        pull.setReceiveTimeOut((int) idleTimeout.toMillis());
        pull.connect(address);
        return new Inbox() {
            @Override
            public byte[] next() {
                return pull.recv();
            }

            @Override
            public void close() {
                pull.close();
                context.close();
            }
        };
    }
}
