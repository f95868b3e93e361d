package org.arroyo.test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.arroyo.camel.codec.Lhhttt;

/** A plain JDK UDP client of a stream-py queue node (LHHTTT datagrams), to check a node from a test. */
public final class UdpQueueClient implements AutoCloseable {

    private final DatagramSocket socket;

    public UdpQueueClient(int port) throws IOException {
        this(port, Duration.ofSeconds(5));
    }

    /** A client that waits at most {@code replyTimeout} for each reply (then {@link java.net.SocketTimeoutException}). */
    public UdpQueueClient(int port, Duration replyTimeout) throws IOException {
        socket = new DatagramSocket();
        socket.setSoTimeout((int) replyTimeout.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", port));
    }

    public String send(String command) throws IOException {
        return sendRaw(Lhhttt.encode(command));
    }

    public String sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length));
        DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
        socket.receive(reply);
        return Lhhttt.decode(ByteBuffer.wrap(reply.getData(), 0, reply.getLength()));
    }

    public String put(String message) throws IOException {
        return send("PUT:" + message);
    }

    public String get() throws IOException {
        return send("GET");
    }

    public int size() throws IOException {
        return Integer.parseInt(send("SIZE"));
    }

    /** A UDP port free at the moment, for a node to bind. */
    public static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** A TCP port free at the moment. */
    public static int freeTcpPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
