package io.github.xenpv.model;

/** One {@code <network>}: a virtual NIC that the guest sees as {@code eth<index>}. */
public class Network {
    private String mac;
    private String bridge;
    private String type;

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public String getBridge() {
        return bridge;
    }

    public void setBridge(String bridge) {
        this.bridge = bridge;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }
}
