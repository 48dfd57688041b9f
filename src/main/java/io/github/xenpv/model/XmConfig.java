package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The xm domain config of an HVM guest on a RHEL 5 dom0, with PV disks and NICs. One table holds
 * every key the plugin writes, so the same table tells which {@code extraConfig} keys are taken.
 */
final class XmConfig {

    private static final Map<String, Function<ValidGuest, Object>> PLUGIN_SETTINGS = pluginSettings();

    /** Keys the plugin writes itself; {@code extraConfig} may not set them a second time. */
    static final Set<String> PLUGIN_KEYS = Collections.unmodifiableSet(PLUGIN_SETTINGS.keySet());

    private XmConfig() {
    }

    private static Map<String, Function<ValidGuest, Object>> pluginSettings() {
        Map<String, Function<ValidGuest, Object>> settings = new LinkedHashMap<>();
        settings.put("name", ValidGuest::name);
        settings.put("uuid", ValidGuest::uuid);
        settings.put("builder", guest -> "hvm");
        settings.put("kernel", guest -> "/usr/lib/xen/boot/hvmloader");
        settings.put("device_model", guest -> guest.dom0Arch().deviceModel());
        settings.put("memory", ValidGuest::memory);
        settings.put("vcpus", ValidGuest::vcpus);
        settings.put("pae", guest -> 1);
        settings.put("acpi", guest -> 1);
        settings.put("apic", guest -> 1);
        settings.put("boot", guest -> "c");
        settings.put("vnc", guest -> 1);
        settings.put("vncunused", guest -> 1);
        settings.put("serial", guest -> "pty");
        settings.put("on_poweroff", guest -> "destroy");
        settings.put("on_reboot", guest -> "restart");
        settings.put("on_crash", guest -> "restart");
        settings.put("vif", guest -> guest.networks().stream().map(ValidNetwork::xmSpec).toList());
        settings.put("disk", guest -> {
            List<String> disks = new ArrayList<>();
            disks.add(guest.bootDisk().xmSpec());
            guest.disks().forEach(disk -> disks.add(disk.xmSpec()));
            return List.copyOf(disks);
        });
        return Collections.unmodifiableMap(settings);
    }

    static List<XmSetting> settings(ValidGuest guest) {
        List<XmSetting> settings = new ArrayList<>();
        PLUGIN_SETTINGS.forEach((key, value) -> {
            Object resolved = value.apply(guest);
            if (resolved != null) {
                settings.add(new XmSetting(key, resolved));
            }
        });
        settings.addAll(guest.extraConfig());
        return settings;
    }
}
