package io.github.xenpv.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way templates put a value into a shell script: {@code ${sh(value)}} gives one shell word
 * that means exactly the value, whatever it holds. Words of plain characters stay bare, so the
 * scripts read like the procedure's; anything else is single-quoted, {@code '} as {@code '\''}.
 */
public final class ShellQuote implements TemplateMethodModelEx {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    /**
     * Quotes a value as one shell word.
     *
     * @param value any text
     * @return the value itself when it holds only plain characters, otherwise the value single-quoted
     */
    public static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
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
