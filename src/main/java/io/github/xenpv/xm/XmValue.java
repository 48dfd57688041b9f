package io.github.xenpv.xm;

import java.math.BigInteger;
import java.util.List;

/**
 * The value of one assignment in an xm domain config, read without running the file. Only
 * literals are read; anything else is kept as the text it was written as ({@link Code}), so the
 * import can say what it could not read.
 */
public sealed interface XmValue {

    /**
     * Where the value starts.
     *
     * @return the line, counting from 1
     */
    int line();

    /**
     * The value as messages show it.
     *
     * @return {@code the string 'x'}, {@code the number 3}, {@code '1 + 2' (code, not a literal)}, ...
     */
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

    /**
     * A string literal, escapes resolved as Python 2 (xm's interpreter) resolves them.
     *
     * @param text the string
     * @param line where it starts
     */
    record Text(String text, int line) implements XmValue {
    }

    /**
     * An integer literal, with Python 2's octal rule ({@code 010} is 8) and sign applied.
     *
     * @param number the integer
     * @param line   where it starts
     */
    record Number(BigInteger number, int line) implements XmValue {
    }

    /**
     * A list or tuple of literals; xm iterates either.
     *
     * @param items the literals, in order
     * @param line  where the list starts
     */
    record Items(List<XmValue> items, int line) implements XmValue {
        /**
         * A list of these literals.
         *
         * @param items the literals, in order
         * @param line  where the list starts
         */
        public Items {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code True}, {@code False} or {@code None}.
     *
     * @param name the constant's name
     * @param line where it stands
     */
    record Constant(String name, int line) implements XmValue {
    }

    /**
     * Anything that is not a literal: a name, an operator, a call, a float. Python would compute
     * it; the import does not, and reports it with this source text.
     *
     * @param source the expression as written, white space between tokens shown as one space
     * @param line   where it starts
     */
    record Code(String source, int line) implements XmValue {
    }
}
