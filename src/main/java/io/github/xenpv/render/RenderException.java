package io.github.xenpv.render;

/**
 * A template failed: it is missing, does not parse, or refers to something the data model lacks.
 * The message names the template, line and column, ready for the build log.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
