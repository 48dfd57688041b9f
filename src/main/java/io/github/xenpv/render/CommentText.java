package io.github.xenpv.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;

/**
 * {@code ${comment(value)}} puts a value into a {@code #} comment of a shell script or the xm
 * config. A comment cannot be quoted: it ends at the line break, and whatever follows runs. So
 * every control character (line breaks first) becomes {@code ?}, and the value stays inside its
 * comment whatever it holds. A value that passed validation has none and comes out unchanged.
 */
public final class CommentText implements TemplateMethodModelEx {

    /**
     * Makes a value safe inside a {@code #} comment.
     *
     * @param value any text
     * @return the text with every control character replaced by {@code ?}
     */
    public static String text(String value) {
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                text.append('?');
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("comment(value) takes one argument, got " + arguments.size());
        }
        return text(String.valueOf(DeepUnwrap.unwrap((TemplateModel) arguments.get(0))));
    }
}
