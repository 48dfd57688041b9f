package io.github.xenpv.xm;

import java.math.BigInteger;
import java.util.List;

/**
 * The value of one assignment in an xm domain config, read without running the file. Only
 * literals are read; anything else is kept as the text it was written as ({@link Code}), so the
 * import can say what it could not read.
 */
public sealed interface XmValue {

    /** The line the value starts on. */
    int line();

    /** The value as messages show it: {@code the string 'x'}, {@code the number 3}, {@code '1 + 2' (code, not a literal)}. */
    default String describe() {
        if (this instanceof Code code) {
            return "'" + code.source() + "' (code, not a literal)";
        }
        if (this instanceof Text text) {
            return "the string '" + text.text() + "'";
        }
        if (this instanceof Number number) {
            return "the number " + number.number();
        }
        if (this instanceof Constant constant) {
            return constant.name();
        }
        return "a list";
    }

    /** A string literal, escapes resolved as Python 2 (xm's interpreter) resolves them. */
    record Text(String text, int line) implements XmValue {
    }

    /** An integer literal, with Python 2's octal rule ({@code 010} is 8) and sign applied. */
    record Number(BigInteger number, int line) implements XmValue {
    }

    /** A list or tuple of literals; xm iterates either. */
    record Items(List<XmValue> items, int line) implements XmValue {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** {@code True}, {@code False} or {@code None}. */
    record Constant(String name, int line) implements XmValue {
    }

    /**
     * Anything that is not a literal: a name, an operator, a call, a float. Python would compute
     * it; the import does not, and reports it with this source text.
     */
    record Code(String source, int line) implements XmValue {
    }
}
