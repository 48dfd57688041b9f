package io.github.xenpv.model;

/**
 * The {@code type} of an xm {@code vif} entry, which decides what NICs xend gives an HVM guest for
 * it. Without a type (the guide's vif) Xen 3.0.3's xend gives the PV NIC only, while Xen 3.0.4
 * and later take a missing type as {@code ioemu} and add an emulated Realtek RTL8139 with the same
 * MAC beside it; {@code netfront} gives the PV NIC only on both. {@code ioemu} itself (an
 * emulated NIC only) is what the migration removes, so it is not offered.
 */
public enum VifType {
    /** No {@code type=}: the guide's vif, and the default. */
    TYPELESS(""),
    /** {@code type=netfront}: the PV NIC only, on every xend. */
    NETFRONT("netfront");

    private final String pomValue;

    VifType(String pomValue) {
        this.pomValue = pomValue;
    }

    /** The {@code vif} option this type adds, e.g. {@code ,type=netfront}; empty for none. */
    String vifOption() {
        return this == TYPELESS ? "" : ",type=" + pomValue;
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
