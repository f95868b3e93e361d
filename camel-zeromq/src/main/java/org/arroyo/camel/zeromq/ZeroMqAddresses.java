package org.arroyo.camel.zeromq;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the comma separated {@code address} path of an endpoint into ZeroMQ endpoints ({@code tcp://host:port},
 * {@code ipc://path}, {@code inproc://name}) and rejects what a socket could never bind or connect to.
 */
final class ZeroMqAddresses {

    private ZeroMqAddresses() {
    }

    static List<String> parse(String addresses, boolean bind) {
        if (addresses == null || addresses.isBlank()) {
            throw new IllegalArgumentException("address is required, e.g. tcp://127.0.0.1:5555");
        }
        List<String> parsed = new ArrayList<>();
        for (String address : addresses.split(",")) {
            parsed.add(check(address.trim(), bind));
        }
        return parsed;
    }

    private static String check(String address, boolean bind) {
        int schemeEnd = address.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : address.substring(0, schemeEnd);
        String rest = schemeEnd < 0 ? "" : address.substring(schemeEnd + 3);
        switch (scheme) {
            case "tcp" -> checkTcp(address, rest, bind);
            case "ipc", "inproc" -> {
                if (rest.isEmpty()) {
                    throw invalid(address, "a name is missing after " + scheme + "://");
                }
            }
            default -> throw invalid(address, "use tcp://host:port, ipc://path or inproc://name");
        }
        return address;
    }

    private static void checkTcp(String address, String hostAndPort, boolean bind) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid(address, "expected tcp://host:port");
        }
        String host = hostAndPort.substring(0, colon);
        String port = hostAndPort.substring(colon + 1);
        boolean wildcard = host.equals("*") || port.equals("*");
        if (wildcard && !bind) {
            throw invalid(address, "a wildcard (*) can only be bound, not connected to: set bind=true");
        }
        if (!port.equals("*") && !isPort(port)) {
            throw invalid(address, "port '" + port + "' is not a number from 1 to 65535");
        }
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    private static IllegalArgumentException invalid(String address, String problem) {
        return new IllegalArgumentException("Invalid address '" + address + "': " + problem);
    }
}
