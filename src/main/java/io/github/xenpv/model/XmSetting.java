package io.github.xenpv.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One assignment in the xm domain config. The value is an {@link Integer}, a {@link String} or a
 * {@link List} of strings, the only Python literals the config needs.
 */
public record XmSetting(String key, Object value) {

    /**
     * The key is written bare ({@code key = value}): a name cannot be quoted, so anything but a
     * Python identifier would be code, not a name. The validator's rule for extraConfig keys is
     * stricter; this holds even for a setting built without it.
     */
    private static final Pattern PYTHON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * A checked setting.
     *
     * @param key a Python name
     * @param value an {@link Integer}, a {@link String} or a {@link List} of strings
     * @throws IllegalArgumentException when the key is not a Python name or the value not one of those types
     */
    public XmSetting {
        if (key == null || !PYTHON_NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("xm key must be a Python name: " + key);
        }
        if (!(value instanceof Integer || value instanceof String || value instanceof List)) {
            throw new IllegalArgumentException("xm value must be an int, a string or a list: " + value);
        }
    }
}
