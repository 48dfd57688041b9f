package io.github.xenpv.render;

/**
 * A template failed: it is missing, does not parse, or refers to something the data model lacks.
 * The message names the template, line and column, ready for the build log.
 *
 * <p>FreeMarker's own exception is kept as a suppressed exception, not as the cause: Maven appends
 * the message of every cause in the chain to the build's error line, and FreeMarker's is a page of
 * tips and template stack that this message already condenses. {@code mvn -e} still shows it whole.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    RenderException(String message, Exception templateError) {
        super(message);
        addSuppressed(templateError);
    }
}
