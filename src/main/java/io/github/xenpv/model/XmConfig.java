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
 * The validator computes the config once, from the guest's checked parts, and the checked guest
 * holds it.
 */
public final class XmConfig {

    /** The checked parts of a guest that the plugin's settings come from; {@code uuid} may be {@code null}. */
    public record Domain(String name, String uuid, Dom0Arch dom0Arch, int memory, int vcpus, ValidBootDisk bootDisk,
            List<ValidNetwork> networks, List<ValidDisk> disks) {
    }

    private static final Map<String, Function<Domain, Object>> PLUGIN_SETTINGS = pluginSettings();

    /** Keys the plugin writes itself; {@code extraConfig} may not set them a second time. */
    static final Set<String> PLUGIN_KEYS = Collections.unmodifiableSet(PLUGIN_SETTINGS.keySet());

    private XmConfig() {
    }

    private static Map<String, Function<Domain, Object>> pluginSettings() {
        Map<String, Function<Domain, Object>> settings = new LinkedHashMap<>();
        settings.put("name", Domain::name);
        settings.put("uuid", Domain::uuid);
        settings.put("builder", domain -> "hvm");
        settings.put("kernel", domain -> "/usr/lib/xen/boot/hvmloader");
        settings.put("device_model", domain -> domain.dom0Arch().deviceModel());
        settings.put("memory", Domain::memory);
        settings.put("vcpus", Domain::vcpus);
        settings.put("pae", domain -> 1);
        settings.put("acpi", domain -> 1);
        settings.put("apic", domain -> 1);
        settings.put("boot", domain -> "c");
        settings.put("vnc", domain -> 1);
        settings.put("vncunused", domain -> 1);
        settings.put("serial", domain -> "pty");
        settings.put("on_poweroff", domain -> "destroy");
        settings.put("on_reboot", domain -> "restart");
        settings.put("on_crash", domain -> "restart");
        settings.put("vif", domain -> domain.networks().stream().map(ValidNetwork::xmSpec).toList());
        settings.put("disk", domain -> {
            List<String> disks = new ArrayList<>();
            disks.add(domain.bootDisk().xmSpec());
            domain.disks().forEach(disk -> disks.add(disk.xmSpec()));
            return List.copyOf(disks);
        });
        return Collections.unmodifiableMap(settings);
    }

    /**
     * The whole config in the order it is written: the plugin's settings, then {@code extraConfig}.
     *
     * @param domain what the plugin's settings are computed from
     * @param extraConfig the user's extra settings
     * @return every setting, in order
     */
    public static List<XmSetting> settings(Domain domain, List<XmSetting> extraConfig) {
        List<XmSetting> settings = new ArrayList<>();
        PLUGIN_SETTINGS.forEach((key, value) -> {
            Object resolved = value.apply(domain);
            if (resolved != null) {
                settings.add(new XmSetting(key, resolved));
            }
        });
        settings.addAll(extraConfig);
        return List.copyOf(settings);
    }
}
