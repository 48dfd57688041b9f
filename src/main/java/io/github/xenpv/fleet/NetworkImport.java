package io.github.xenpv.fleet;

import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidNetwork;
import io.github.xenpv.model.VifType;
import io.github.xenpv.xm.VifSpec;
import io.github.xenpv.xm.XmValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The xm {@code vif} list into the declaration's networks: MAC, bridge and {@code type=netfront}
 * kept, the emulated NIC's settings dropped (the PV NIC replaces it: procedure step 6), and the
 * rest reported.
 */
final class NetworkImport {

    private static final String NETFRONT = VifType.NETFRONT.toString();

    private final String file;
    private final Notes notes;
    /** The vif type the plugin writes when the declaration gives none: netfront for a RHEL 5 guest. */
    private final VifType defaultType;

    NetworkImport(String file, Optional<Release> release, Notes notes) {
        this.file = file;
        this.notes = notes;
        this.defaultType = release.map(Release::defaultVifType).orElse(VifType.TYPELESS);
    }

    void read(String key, XmValue value, int keyLine, Guest guest) {
        if (!(value instanceof XmValue.Items items)) {
            notes.failed(file + ":" + keyLine, key, value.describe() + " is not a list of strings: xm takes "
                    + "vif = [ \"mac=...,bridge=...\", ... ]; the import never runs a config");
            return;
        }
        List<Network> networks = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            XmValue item = items.items().get(i);
            String itemKey = "vif[" + (i + 1) + "]";
            String where = file + ":" + item.line();
            if (!(item instanceof XmValue.Text text)) {
                notes.failed(where, itemKey, item.describe() + " is not a string");
                continue;
            }
            try {
                networks.add(network(VifSpec.parse(text.text()), i, guest.getName(), where, itemKey));
            } catch (IllegalArgumentException e) {
                notes.failed(where, itemKey, "'" + text.text() + "': " + e.getMessage() + "; xm refuses it");
            }
        }
        guest.setNetworks(networks);
    }

    private Network network(VifSpec spec, int index, String guestName, String where, String key) {
        String element = "networks/network[" + (index + 1) + "]";
        Map<String, VifSpec.Setting> settings = new LinkedHashMap<>();
        for (VifSpec.Setting setting : spec.settings()) {
            VifSpec.Setting earlier = settings.put(setting.key(), setting);
            if (earlier != null) {
                notes.dropped(where, key, earlier.key() + "=" + earlier.value() + ": " + setting.key()
                        + " is given again; the last one counts, as in xm");
            }
        }
        Network network = new Network();
        VifSpec.Setting mac = settings.remove("mac");
        if (mac == null) {
            notes.changed(where, key, "no mac: xend picks a random one whenever the domain is created; the plugin "
                    + "derives a fixed one from the guest name and index (set " + element + "/mac to keep the one "
                    + "the guest has now)");
        } else if (guestName != null && mac.value().equalsIgnoreCase(ValidNetwork.derivedMac(guestName, index))) {
            notes.kept(where, key, "mac=" + mac.value() + ", the MAC the plugin derives from the name and index, as it "
                    + "does when <mac> is left out");
        } else {
            network.setMac(mac.value());
            notes.kept(where, key, "mac=" + mac.value() + " in " + element + "/mac");
        }
        VifSpec.Setting bridge = settings.remove("bridge");
        if (bridge == null) {
            notes.changed(where, key, "no bridge: xend's vif-bridge script takes the first bridge it finds; the "
                    + "plugin writes bridge=" + Network.DEFAULT_BRIDGE);
        } else {
            if (!bridge.value().equals(Network.DEFAULT_BRIDGE)) {
                network.setBridge(bridge.value());
            }
            notes.kept(where, key, "bridge=" + bridge.value() + (bridge.value().equals(Network.DEFAULT_BRIDGE)
                    ? ", the plugin's default" : " in " + element + "/bridge"));
        }
        VifSpec.Setting type = settings.get("type");
        if (type != null && type.value().equals(NETFRONT)) {
            settings.remove("type");
            if (defaultType == VifType.NETFRONT) {
                notes.kept(where, key, "type=netfront, the plugin's default for a RHEL 5 guest");
            } else {
                network.setType(NETFRONT);
                notes.kept(where, key, "type=netfront in " + element + "/type");
            }
        } else if (defaultType == VifType.NETFRONT) {
            notes.changed(where, key, (type == null ? "no type" : "type=" + type.value()) + ": the plugin writes "
                    + "type=netfront for a RHEL 5 guest, the PV NIC only (udev could give eth0 to an emulated Realtek "
                    + "before xen-vnif loads: README, \"The vif type\")");
            settings.remove("type");
        }
        settings.values().forEach(setting -> other(setting, where, key));
        return network;
    }

    private void other(VifSpec.Setting setting, String where, String key) {
        String pair = setting.key() + "=" + setting.value();
        switch (setting.key()) {
            case "type" -> notes.dropped(where, key, pair + (setting.value().equals("ioemu")
                    ? ": an emulated NIC only, which the PV driver never sees (procedure step 6)"
                    : ": not a type the plugin writes") + "; the plugin's vif has no type, as the guide's "
                    + "(<type>netfront</type> would make it the PV NIC only on every xend: the plugin site's \"The vif type\", boot.html)");
            case "model" -> notes.dropped(where, key, pair + ": the emulated NIC's model; the PV NIC has none");
            case "script" -> {
                if (setting.value().equals("vif-bridge")) {
                    notes.dropped(where, key, pair + ": the plugin writes no script, so xend runs its default, "
                            + "vif-bridge on RHEL 5");
                } else {
                    notes.check(where, key, pair + " is dropped: the plugin writes no script, so xend runs its "
                            + "default (vif-script in xend-config.sxp, vif-bridge on RHEL 5)");
                }
            }
            case "vifname" -> notes.dropped(where, key, pair + ": dom0 names the backend interface vif<domid>.<n>");
            case "ip" -> notes.dropped(where, key, pair + ": used only by the vif-route and vif-nat scripts and "
                    + "antispoofing; the guest's own address is not affected");
            case "rate" -> notes.dropped(where, key, pair + ": the PV NIC has no rate limit");
            default -> notes.dropped(where, key, pair + ": the plugin's vif entries have mac and bridge only");
        }
    }
}
