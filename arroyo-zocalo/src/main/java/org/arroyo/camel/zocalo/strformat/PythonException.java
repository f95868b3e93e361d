package org.arroyo.camel.zocalo.strformat;

/**
 * What Python raises in the same situation: its exception type name ({@code TypeError},
 * {@code KeyError}, ...) and its message, so that a verdict reads exactly as Python's would.
 */
public class PythonException extends RuntimeException {

    private final String type;
    private final String pythonMessage;

    public PythonException(String type, String pythonMessage) {
        super(type + ": " + pythonMessage);
        this.type = type;
        this.pythonMessage = pythonMessage;
    }

    /** The Python exception type name, e.g. {@code ValueError}. */
    public String type() {
        return type;
    }

    /** The text Python's {@code str(exception)} gives. */
    public String pythonMessage() {
        return pythonMessage;
    }

    static PythonException typeError(String message) {
        return new PythonException("TypeError", message);
    }

    static PythonException valueError(String message) {
        return new PythonException("ValueError", message);
    }
}
