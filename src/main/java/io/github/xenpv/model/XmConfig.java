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
            List<ValidEmulatedDisk> emulatedDisks, List<ValidNetwork> networks, List<ValidDisk> disks) {
    }

    /** The HVM loader RHEL 5's Xen boots HVM guests with; the plugin writes it as {@code kernel}. */
    public static final String HVM_LOADER = "/usr/lib/xen/boot/hvmloader";

    /**
     * The settings the plugin writes with the same value for every guest, in the order it writes
     * them: {@code kernel} before the device model, the rest after {@code vcpus}.
     */
    public static final Map<String, Object> FIXED_SETTINGS = fixedSettings();

    private static final Map<String, Function<Domain, Object>> PLUGIN_SETTINGS = pluginSettings();

    /** Keys the plugin writes itself; {@code extraConfig} may not set them a second time. */
    static final Set<String> PLUGIN_KEYS = Collections.unmodifiableSet(PLUGIN_SETTINGS.keySet());

    private XmConfig() {
    }

    private static Map<String, Object> fixedSettings() {
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("kernel", HVM_LOADER);
        fixed.put("pae", 1);
        fixed.put("acpi", 1);
        fixed.put("apic", 1);
        fixed.put("boot", "c");
        fixed.put("vnc", 1);
        fixed.put("vncunused", 1);
        fixed.put("serial", "pty");
        fixed.put("on_poweroff", "destroy");
        fixed.put("on_reboot", "restart");
        fixed.put("on_crash", "restart");
        return Collections.unmodifiableMap(fixed);
    }

    private static Map<String, Function<Domain, Object>> pluginSettings() {
        Map<String, Function<Domain, Object>> settings = new LinkedHashMap<>();
        settings.put("name", Domain::name);
        settings.put("uuid", Domain::uuid);
        settings.put("builder", domain -> "hvm");
        settings.put("kernel", domain -> HVM_LOADER);
        settings.put("device_model", domain -> domain.dom0Arch().deviceModel());
        settings.put("memory", Domain::memory);
        settings.put("vcpus", Domain::vcpus);
        // kernel is in place already; the other fixed settings follow vcpus in their order.
        FIXED_SETTINGS.forEach((key, value) -> settings.putIfAbsent(key, domain -> value));
        settings.put("vif", domain -> domain.networks().stream().map(ValidNetwork::xmSpec).toList());
        settings.put("disk", domain -> {
            List<String> disks = new ArrayList<>();
            disks.add(domain.bootDisk().xmSpec());
            domain.emulatedDisks().forEach(disk -> disks.add(disk.xmSpec()));
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
