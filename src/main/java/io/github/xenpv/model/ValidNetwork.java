package io.github.xenpv.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * A NIC, checked: {@code interfaceName} is what the guest calls it, {@code macDerived} says the
 * plugin chose the MAC because the POM gave none, and {@code type} is the vif's type.
 */
public record ValidNetwork(int index, String mac, boolean macDerived, String bridge, VifType type) {

    /** Xen's own prefix for MACs of virtual NICs: derived MACs stay inside it. */
    public static final String XEN_MAC_PREFIX = "00:16:3e";

    /**
     * A MAC that stays the same for the same guest name and NIC index, inside Xen's
     * {@code 00:16:3e} prefix with the fourth byte below 0x80, as Xen's own tools pick them.
     *
     * @param guestName the guest's name
     * @param index the NIC's index, 0 for {@code eth0}
     * @return the MAC, lower-case hex pairs
     */
    public static String derivedMac(String guestName, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((guestName + "/eth" + index).getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%s:%02x:%02x:%02x", XEN_MAC_PREFIX, hash[0] & 0x7f, hash[1] & 0xff,
                    hash[2] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The interfaces these NICs give the guest, in order: the ones modules.conf maps to xen-vnif.
     *
     * @param networks the NICs
     * @return their interface names
     */
    public static List<String> interfaceNames(List<ValidNetwork> networks) {
        return networks.stream().map(ValidNetwork::interfaceName).toList();
    }

    /** {@return {@code eth0}, {@code eth1}, ...: the alias that modules.conf maps to xen-vnif} */
    public String interfaceName() {
        return "eth" + index;
    }

    /** {@return the xm {@code vif} entry: never {@code type=ioemu}, so the guest gets a PV NIC; {@code type=netfront} when declared} */
    public String xmSpec() {
        return "mac=" + mac + ",bridge=" + bridge + type.vifOption();
    }

    /** {@return whether xend gives the guest the PV NIC only, on every version ({@code type=netfront})} */
    public boolean pvOnly() {
        return type == VifType.NETFRONT;
    }
}
