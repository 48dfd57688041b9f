package io.github.xenpv.model;

/** One {@code <network>}: a virtual NIC that the guest sees as {@code eth<index>}. */
public class Network {

    /** The {@code <bridge>} of a NIC that leaves it out: RHEL 5's Xen bridge. */
    public static final String DEFAULT_BRIDGE = "xenbr0";

    private String mac;
    private String bridge;
    private String type;

    /**
     * {@return the {@code <mac>} element as written: the NIC's MAC address; absent means one
     * derived from the guest's name and the NIC's index}
     */
    public String getMac() {
        return mac;
    }

    /** @param mac the {@code <mac>} element, as Maven binds it from the POM */
    public void setMac(String mac) {
        this.mac = mac;
    }

    /**
     * {@return the {@code <bridge>} element as written: the dom0 bridge the NIC is on; default
     * {@code xenbr0}}
     */
    public String getBridge() {
        return bridge;
    }

    /** @param bridge the {@code <bridge>} element, as Maven binds it from the POM */
    public void setBridge(String bridge) {
        this.bridge = bridge;
    }

    /** {@return the {@code <type>} element as written: empty, or {@code netfront} for {@code type=netfront}} */
    public String getType() {
        return type;
    }

    /** @param type the {@code <type>} element, as Maven binds it from the POM */
    public void setType(String type) {
        this.type = type;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("Network", "mac", mac, "bridge", bridge, "type", type);
    }
}
