package io.github.xenpv.xm;

/** The file is not Python that xm could run: it cannot be read at all. */
public final class XmSyntaxError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The line Python would name. */
    private final int line;

    /**
     * A syntax error at a line of the file.
     *
     * @param line    the line, counting from 1
     * @param message what Python would say is wrong
     */
    public XmSyntaxError(int line, String message) {
        super(message);
        this.line = line;
    }

    /**
     * The line of the error.
     *
     * @return the line, counting from 1
     */
    public int line() {
        return line;
    }
}
