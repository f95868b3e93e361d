package org.arroyo.camel.zeromq;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import com.neilalexander.jnacl.crypto.curve25519;
import org.zeromq.ZMQ;

/**
 * CURVE security of one endpoint: checks the Z85 keys when the endpoint is created and applies them to its socket.
 * A CURVE server needs its secret key, and may accept only the clients whose public keys it lists; a client needs the
 * server's public key and its own key pair. No message names a key.
 */
final class CurveSecurity {

    private static final String Z85_ALPHABET
            = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    private final boolean server;
    private final byte[] serverKey;
    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Set<ByteBuffer> allowedClients;

    private CurveSecurity(boolean server, byte[] serverKey, byte[] publicKey, byte[] secretKey, Set<ByteBuffer> allowedClients) {
        this.server = server;
        this.serverKey = serverKey;
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.allowedClients = allowedClients;
    }

    /** Returns null when the endpoint uses no CURVE option at all (plain, unencrypted ZeroMQ). */
    static CurveSecurity of(ZeroMqConfiguration configuration) {
        boolean server = configuration.isCurveServer();
        byte[] serverKey = decode("serverKey", configuration.getServerKey());
        byte[] publicKey = decode("publicKey", configuration.getPublicKey());
        byte[] secretKey = decode("secretKey", configuration.getSecretKey());
        Set<ByteBuffer> allowedClients = decodeList("allowedClients", configuration.getAllowedClients());
        if (!server && serverKey == null && publicKey == null && secretKey == null && allowedClients.isEmpty()) {
            return null;
        }
        if (!server && !allowedClients.isEmpty()) {
            throw new IllegalArgumentException("allowedClients applies to a CURVE server: set curveServer=true");
        }
        if (server && serverKey != null) {
            throw new IllegalArgumentException(
                    "curveServer=true and serverKey exclude each other: a CURVE server has no server key to trust");
        }
        if (secretKey == null) {
            throw new IllegalArgumentException(
                    "secretKey is required for CURVE (curveServer, serverKey or publicKey is set)");
        }
        if (!server && serverKey == null) {
            throw new IllegalArgumentException("serverKey is required for a CURVE client (or set curveServer=true)");
        }
        if (!server && publicKey == null) {
            throw new IllegalArgumentException("publicKey is required for a CURVE client");
        }
        if (publicKey != null && !Arrays.equals(publicKey, publicKeyOf(secretKey))) {
            throw new IllegalArgumentException("publicKey does not belong to secretKey: they must be one key pair");
        }
        return new CurveSecurity(server, serverKey, publicKey, secretKey, allowedClients);
    }

    /** Sets the keys on the socket, before it binds or connects; a server with allowed clients gets ZAP checking them. */
    void applyTo(ZMQ.Socket socket, ZeroMqComponent component) {
        if (server) {
            if (!allowedClients.isEmpty()) {
                socket.setZAPDomain(component.curveAuthenticator().domainAllowing(allowedClients));
            }
            socket.setCurveServer(true);
        } else {
            socket.setCurveServerKey(serverKey);
            socket.setCurvePublicKey(publicKey);
        }
        socket.setCurveSecretKey(secretKey);
    }

    /** Public keys separated by commas (Z85 has no comma). */
    private static Set<ByteBuffer> decodeList(String option, String z85Keys) {
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        if (z85Keys != null) {
            for (String z85 : z85Keys.split(",")) {
                byte[] key = decode(option, z85.strip());
                if (key != null) {
                    keys.add(ByteBuffer.wrap(key));
                }
            }
        }
        return keys;
    }

    private static byte[] decode(String option, String z85) {
        if (z85 == null || z85.isEmpty()) {
            return null;
        }
        if (z85.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException(option + " is not a Z85 CURVE key: expected "
                                               + ZMQ.Curve.KEY_SIZE_Z85 + " characters, got " + z85.length());
        }
        for (char c : z85.toCharArray()) {
            if (Z85_ALPHABET.indexOf(c) < 0) {
                throw new IllegalArgumentException(option + " is not a Z85 CURVE key: '" + c + "' is not a Z85"
                                                   + " character (in an endpoint URI write the key as RAW(key), so that"
                                                   + " + & % stay)");
            }
        }
        return ZMQ.Curve.z85Decode(z85);
    }

    private static byte[] publicKeyOf(byte[] secretKey) {
        byte[] publicKey = new byte[ZMQ.Curve.KEY_SIZE];
        curve25519.crypto_scalarmult_base(publicKey, secretKey);
        return publicKey;
    }
}
