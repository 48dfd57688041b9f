package io.github.xenpv.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ${py(value)}} writes an xm config value as the Python literal xm executes: integers bare,
 * strings double-quoted with {@code \} and {@code "} escaped, lists as {@code [ "a", "b" ]}.
 */
public final class PythonLiteral implements TemplateMethodModelEx {

    /**
     * Writes a value as a Python literal.
     *
     * @param value a {@link Number}, a {@link List} of values, or anything else (written as a string)
     * @return the literal, e.g. {@code 512}, {@code "xenbr0"} or {@code [ "a", "b" ]}
     */
    public static String literal(Object value) {
        if (value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[ ]"
                    : list.stream().map(PythonLiteral::literal).collect(Collectors.joining(", ", "[ ", " ]"));
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            if (c == '\\' || c == '"') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\x%02x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("py(value) takes one argument, got " + arguments.size());
        }
        return literal(DeepUnwrap.unwrap((TemplateModel) arguments.get(0)));
    }
}
