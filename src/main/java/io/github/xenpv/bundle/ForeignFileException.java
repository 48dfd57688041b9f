package io.github.xenpv.bundle;

/**
 * A write refused because a path the bundle needs holds something the plugin did not write (a
 * user's file of other content, a link, a folder): replacing it would lose it. Nothing was written.
 */
public final class ForeignFileException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    ForeignFileException(String message) {
        super(message);
    }
}
