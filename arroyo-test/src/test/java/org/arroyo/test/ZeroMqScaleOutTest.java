package org.arroyo.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.arroyo.test.infra.ChildJvm;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on ZeroMQ (docs/deployment.md): a sender's PUSH socket fans the messages out to two pipeline processes
 * that connect to it with PULL, one message to each in turn; each publishes to a PULL socket of its own here, so that
 * the test sees who processed what.
 */
class ZeroMqScaleOutTest {

    private static final int EVENTS = 600;

    @Test
    void aPushSocketFansOutToTwoPipelinesThatProcessEachMessageOnce() throws Exception {
        List<byte[]> sent = Deliveries.run("zeromq-scale-out", EVENTS);
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket sender = zmq.createSocket(SocketType.PUSH);
            int port = sender.bindToRandomPort("tcp://127.0.0.1");
            sender.monitor("inproc://scale-out-sender", ZMQ.EVENT_HANDSHAKE_PROTOCOL);
            ZMQ.Socket handshakes = zmq.createSocket(SocketType.PAIR);
            handshakes.connect("inproc://scale-out-sender");
            handshakes.setReceiveTimeOut(60_000);
            ZMQ.Socket outFirst = zmq.createSocket(SocketType.PULL);
            ZMQ.Socket outSecond = zmq.createSocket(SocketType.PULL);
            String listener = "zeromq:PULL:tcp://127.0.0.1:" + port;

            try (ChildJvm first = start(listener, outFirst.bindToRandomPort("tcp://127.0.0.1"));
                    ChildJvm second = start(listener, outSecond.bindToRandomPort("tcp://127.0.0.1"))) {
                first.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                second.awaitOutput(PipelineProcess.STARTED, Duration.ofSeconds(60));
                // PUSH deals only to the peers connected: send once both workers' connections are up
                for (int connected = 0; connected < 2; connected++) {
                    assertThat(ZMQ.Event.recv(handshakes)).as("a worker's connection to the sender").isNotNull();
                }
                sent.forEach(sender::send);

                List<byte[]> byFirst = new ArrayList<>();
                List<byte[]> bySecond = new ArrayList<>();
                receive(zmq, outFirst, byFirst, outSecond, bySecond, sent.size());
                Deliveries deliveries = Deliveries.of(sent, Stream.concat(byFirst.stream(), bySecond.stream()).toList());
                System.out.printf("ZeroMQ scale-out: %d messages, %d by the first pipeline, %d by the second; %s%n",
                        sent.size(), byFirst.size(), bySecond.size(), deliveries);
                assertThat(deliveries.lost()).isEmpty();
                assertThat(deliveries.duplicates()).isZero();
                // round robin: one each in turn
                assertThat(byFirst.size() - bySecond.size()).isBetween(-1, 1);
            }
        }
    }

    private static ChildJvm start(String listener, int outputPort) {
        return ChildJvm.start("zeromq-scale-out", PipelineProcess.class, List.of(), listener,
                "zeromq:PUSH:tcp://127.0.0.1:" + outputPort, "2");
    }

    /** Reads both outputs until {@code count} messages came, or nothing came for 10 s. */
    private static void receive(ZContext zmq, ZMQ.Socket first, List<byte[]> fromFirst, ZMQ.Socket second, List<byte[]> fromSecond,
            int count) {
        try (ZMQ.Poller poller = zmq.createPoller(2)) {
            poller.register(first, ZMQ.Poller.POLLIN);
            poller.register(second, ZMQ.Poller.POLLIN);
            while (fromFirst.size() + fromSecond.size() < count && poller.poll(10_000) > 0) {
                if (poller.pollin(0)) {
                    fromFirst.add(first.recv());
                }
                if (poller.pollin(1)) {
                    fromSecond.add(second.recv());
                }
            }
        }
    }
}
