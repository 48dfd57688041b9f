package io.github.xenpv.model;

/**
 * A NIC, checked: {@code interfaceName} is what the guest calls it, and {@code macDerived} says
 * the plugin chose the MAC because the POM gave none.
 */
public record ValidNetwork(int index, String mac, boolean macDerived, String bridge) {

    /** {@return {@code eth0}, {@code eth1}, ...: the alias that modules.conf maps to xen-vnif} */
    public String interfaceName() {
        return "eth" + index;
    }

    /** {@return the xm {@code vif} entry, without {@code type=ioemu} so the guest gets a PV NIC} */
    public String xmSpec() {
        return "mac=" + mac + ",bridge=" + bridge;
    }
}
