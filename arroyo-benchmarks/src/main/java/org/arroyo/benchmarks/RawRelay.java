package org.arroyo.benchmarks;

import java.util.concurrent.Callable;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The baseline: a plain JeroMQ relay, PULL to PUSH, that moves every message's frames unchanged (no Camel, no
 * decoding). It stops when its standard input closes.
 */
@Command(name = "raw-relay", mixinStandardHelpOptions = true, description = "Relays PULL -> PUSH with plain JeroMQ.")
public final class RawRelay implements Callable<Integer>, Stage.Running {

    private static final int POLL_MILLIS = 100;

    @Mixin
    private StageAddresses addresses;

    private ZMQ.Context context;
    private Thread relay;
    private volatile boolean running = true;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RawRelay()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Stage.runUntilStdinCloses("raw-relay", this::start);
        return 0;
    }

    private RawRelay start() {
        context = ZMQ.context(1);
        ZMQ.Socket pull = context.socket(SocketType.PULL);
        pull.setRcvHWM(addresses.hwm);
        pull.setReceiveTimeOut(POLL_MILLIS);
        pull.connect(addresses.in);
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setSndHWM(addresses.hwm);
        push.setLinger(-1);
        push.bind(addresses.out);
        relay = new Thread(() -> relay(pull, push), "raw-relay");
        relay.start();
        return this;
    }

    private void relay(ZMQ.Socket pull, ZMQ.Socket push) {
        try (pull; push) {
            while (running) {
                byte[] frame = pull.recv();
                if (frame != null) {
                    // the frames of one message arrive together, so the rest never waits
                    while (pull.hasReceiveMore()) {
                        push.sendMore(frame);
                        frame = pull.recv();
                    }
                    push.send(frame);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        relay.join();
        context.close();
    }
}
