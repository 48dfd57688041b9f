package io.github.xenpv.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;

/**
 * The one way templates put a value into a shell script: {@code ${sh(value)}} gives one shell word
 * that means exactly the value, whatever it holds. Words of plain characters stay bare, so the
 * scripts read like the procedure's; anything else is single-quoted, {@code '} as {@code '\''}.
 */
public final class ShellQuote implements TemplateMethodModelEx {

    /** The characters a shell word may hold bare, besides ASCII letters and digits. */
    private static final String PLAIN_MARKS = "_./:=,+@%-";

    /**
     * Quotes a value as one shell word.
     *
     * @param value any text
     * @return the value itself when it holds only plain characters, otherwise the value single-quoted
     */
    public static String quote(String value) {
        if (plain(value)) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Whether a word is not empty and holds only characters the shell takes as they are. A loop,
     * not a regex: a matcher per value was a tenth of what a fleet's rendering allocated.
     */
    private static boolean plain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || PLAIN_MARKS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("sh(value) takes one argument, got " + arguments.size());
        }
        Object value = DeepUnwrap.unwrap((TemplateModel) arguments.get(0));
        return quote(String.valueOf(value));
    }
}
