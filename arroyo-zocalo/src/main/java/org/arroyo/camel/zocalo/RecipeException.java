package org.arroyo.camel.zocalo;

import org.arroyo.camel.zocalo.strformat.PythonException;

/**
 * A recipe that python-workflows would refuse, or parameters it could not apply. It carries the
 * Python exception type and text ({@code Error: Invalid recipe: "start" node missing}) so that
 * verdicts read the same on both sides.
 */
public class RecipeException extends IllegalArgumentException {

    private final String pythonType;
    private final String pythonMessage;

    public RecipeException(String pythonType, String pythonMessage) {
        this(pythonType, pythonMessage, null);
    }

    public RecipeException(String pythonType, String pythonMessage, Throwable cause) {
        super(pythonType + ": " + pythonMessage, cause);
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
    }

    /** A recipe python-workflows rejects with {@code workflows.Error("Invalid recipe: ...")}. */
    static RecipeException invalid(String problem) {
        return new RecipeException("Error", "Invalid recipe: " + problem);
    }

    static RecipeException of(PythonException e) {
        return new RecipeException(e.type(), e.pythonMessage(), e);
    }

    /** The Python exception type name: {@code Error} (workflows.Error), {@code TypeError}, ... */
    public String pythonType() {
        return pythonType;
    }

    public String pythonMessage() {
        return pythonMessage;
    }
}
