package org.arroyo.camel.zeromq;

import org.apache.camel.RuntimeCamelException;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A ZeroMQ operation failed; the message says what was attempted and ZeroMQ's reason in words.
 */
public class ZeroMqException extends RuntimeCamelException {

    public ZeroMqException(String attempt, ZMQException cause) {
        super(attempt + ": " + ZMQ.Error.findByCode(cause.getErrorCode()).getMessage()
              + " (errno " + cause.getErrorCode() + ")", cause);
    }
}
