package io.github.xenpv.model;

import java.util.List;

/**
 * One assignment in the xm domain config. The value is an {@link Integer}, a {@link String} or a
 * {@link List} of strings, the only Python literals the config needs.
 */
public record XmSetting(String key, Object value) {

    public XmSetting {
        if (!(value instanceof Integer || value instanceof String || value instanceof List)) {
            throw new IllegalArgumentException("xm value must be an int, a string or a list: " + value);
        }
    }
}
