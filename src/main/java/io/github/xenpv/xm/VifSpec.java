package io.github.xenpv.xm;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an xm {@code vif} list, {@code key=value} pairs separated by commas, read as Xen
 * 3.1's xm reads it ({@code comma_sep_kv_to_dict} in {@code tools/python/xen/xm/create.py}: the
 * entry and each key and value stripped, the value everything after the first {@code =}). An
 * empty entry is a NIC with every default.
 */
public record VifSpec(List<Setting> settings) {

    public VifSpec {
        settings = List.copyOf(settings);
    }

    /** One {@code key=value}, in the order written. */
    public record Setting(String key, String value) {
    }

    /** Reads one entry; the message of the exception says what xm would refuse. */
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
