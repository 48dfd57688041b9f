package io.github.xenpv.xm;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an xm {@code vif} list, {@code key=value} pairs separated by commas, read as Xen
 * 3.1's xm reads it ({@code comma_sep_kv_to_dict} in {@code tools/python/xen/xm/create.py}: the
 * entry and each key and value stripped, the value everything after the first {@code =}). An
 * empty entry is a NIC with every default.
 *
 * @param settings the {@code key=value} pairs in the order written
 */
public record VifSpec(List<Setting> settings) {

    /**
     * An entry of these settings.
     *
     * @param settings the {@code key=value} pairs in the order written
     */
    public VifSpec {
        settings = List.copyOf(settings);
    }

    /**
     * One {@code key=value}.
     *
     * @param key   the key, stripped
     * @param value everything after the first {@code =}, stripped
     */
    public record Setting(String key, String value) {
    }

    /**
     * Reads one entry.
     *
     * @param spec the entry, such as {@code mac=00:16:3e:5d:c7:9e,bridge=xenbr0}
     * @return its settings
     * @throws IllegalArgumentException saying what xm would refuse
     */
    public static VifSpec parse(String spec) {
        List<Setting> settings = new ArrayList<>();
        String stripped = spec.strip();
        if (stripped.isEmpty()) {
            return new VifSpec(settings);
        }
        for (String pair : stripped.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("'" + pair + "' is not key=value");
            }
            settings.add(new Setting(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip()));
        }
        return new VifSpec(settings);
    }
}
