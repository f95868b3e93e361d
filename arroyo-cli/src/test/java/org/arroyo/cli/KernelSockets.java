package org.arroyo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This machine's TCP sockets as the kernel lists them, IPv4 ({@code /proc/net/tcp}) and IPv6 ({@code /proc/net/tcp6}). */
final class KernelSockets {

    static final String ESTABLISHED = "01";
    static final String LISTEN = "0A";

    /**
     * One socket: addresses as the kernel writes them ({@code HEXADDRESS:HEXPORT}), the state as a hex code.
     */
    record Socket(String local, String remote, String state) {

        boolean localPortIs(int port) {
            return local.endsWith(hexPort(port));
        }

        boolean remotePortIs(int port) {
            return remote.endsWith(hexPort(port));
        }
    }

    private KernelSockets() {
    }

    static List<Socket> all() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            // fields after the header line: slot, local address, remote address, state, ...
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                sockets.add(new Socket(fields[1], fields[2], fields[3]));
            }
        }
        return sockets;
    }

    private static String hexPort(int port) {
        return String.format(":%04X", port);
    }
}
