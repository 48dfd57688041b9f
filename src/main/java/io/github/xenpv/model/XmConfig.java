package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

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

    /**
     * The fixed settings that are an operator's choice rather than what the move needs: what the
     * domain does when it stops or crashes, and its consoles. The plugin's values are defaults that
     * an {@code extraConfig} entry of the same key replaces, in place; each maps to the values xm
     * takes (empty: any string). The others ({@code kernel}, {@code pae}, {@code acpi},
     * {@code apic}, {@code boot}) make the guest an HVM guest that boots from its hard disk.
     */
    public static final Map<String, Set<Object>> OPERATOR_SETTINGS = operatorSettings();

    private static final Map<String, Function<Domain, Object>> PLUGIN_SETTINGS = pluginSettings();

    /**
     * Keys whose value is a password: {@code vncpasswd}, and any key holding {@code passwd} or
     * {@code password}. Their value never lands in a written POM or a world-readable file.
     */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*passw(or)?d.*");

    /** The element that sets each setting the plugin computes from the declaration. */
    private static final Map<String, String> ELEMENTS = Map.of("name", "<name>", "uuid", "<uuid>", "memory", "<memory>",
            "vcpus", "<vcpus>", "device_model", "<dom0Arch>", "vif", "<networks>", "disk", "<bootDisk> and <disks>");

    /** Keys the plugin writes itself; {@code extraConfig} may not set them a second time, but for {@link #OPERATOR_SETTINGS}. */
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

    private static Map<String, Set<Object>> operatorSettings() {
        // xend's restart modes (XendConstants.restart_modes; the coredump ones since Xen 3.1)
        Set<Object> onEvent = Set.of("destroy", "restart", "preserve", "rename-restart", "coredump-destroy",
                "coredump-restart");
        Map<String, Set<Object>> operator = new LinkedHashMap<>();
        operator.put("vnc", Set.of(0, 1));
        operator.put("vncunused", Set.of(0, 1));
        operator.put("serial", Set.of());
        operator.put("on_poweroff", onEvent);
        operator.put("on_reboot", onEvent);
        operator.put("on_crash", onEvent);
        return Collections.unmodifiableMap(operator);
    }

    /**
     * Where a user sets a key the plugin writes, for the message that refuses it in {@code extraConfig}.
     *
     * @param key a key the plugin writes
     * @return the element that sets it, or empty when the plugin writes it the same for every guest
     */
    public static Optional<String> elementFor(String key) {
        return Optional.ofNullable(ELEMENTS.get(key));
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
     * Whether a config key holds a password: the import writes its value as a property the user
     * supplies at build time, and a bundle file holding it is mode 0600.
     *
     * @param key an xm config key
     * @return whether it is {@code vncpasswd} or another {@code passwd}/{@code password} key
     */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /**
     * The Maven property that supplies a password key's value at build time: the import writes
     * {@code ${<property>}} in the value's place, so the value never lands in a POM.
     *
     * @param guest the guest's name
     * @param key   a key {@link #isSecret} holds for
     * @return {@code xenpv.secret.<guest>.<key>}
     */
    public static String secretProperty(String guest, String key) {
        return "xenpv.secret." + guest + "." + key;
    }

    /**
     * The whole config in the order it is written: the plugin's settings, an operator setting of
     * {@code extraConfig} in place of the plugin's default, then the rest of {@code extraConfig}.
     *
     * @param domain what the plugin's settings are computed from
     * @param extraConfig the user's extra settings, checked: none sets a key the plugin computes
     * @return every setting, in order, each key once
     */
    public static List<XmSetting> settings(Domain domain, List<XmSetting> extraConfig) {
        Map<String, XmSetting> extra = new LinkedHashMap<>();
        extraConfig.forEach(setting -> extra.put(setting.key(), setting));
        List<XmSetting> settings = new ArrayList<>();
        PLUGIN_SETTINGS.forEach((key, value) -> {
            XmSetting chosen = OPERATOR_SETTINGS.containsKey(key) ? extra.remove(key) : null;
            Object resolved = chosen == null ? value.apply(domain) : chosen.value();
            if (resolved != null) {
                settings.add(new XmSetting(key, resolved));
            }
        });
        settings.addAll(extra.values());
        return List.copyOf(settings);
    }
}
