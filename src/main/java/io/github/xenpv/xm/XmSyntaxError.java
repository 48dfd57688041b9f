package io.github.xenpv.xm;

/** The file is not Python that xm could run: it cannot be read at all. */
public final class XmSyntaxError extends Exception {

    private final int line;

    public XmSyntaxError(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
