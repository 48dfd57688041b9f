package io.github.xenpv.model;

/** The {@code <grub>} element: the guest boot entry that gets {@code noapic}. */
public class Grub {
    private String title;
    private String root;
    private String rootDevice;
    private String separateBoot;
    private String kernelArgs;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getRoot() {
        return root;
    }

    public void setRoot(String root) {
        this.root = root;
    }

    public String getRootDevice() {
        return rootDevice;
    }

    public void setRootDevice(String rootDevice) {
        this.rootDevice = rootDevice;
    }

    public String getSeparateBoot() {
        return separateBoot;
    }

    public void setSeparateBoot(String separateBoot) {
        this.separateBoot = separateBoot;
    }

    public String getKernelArgs() {
        return kernelArgs;
    }

    public void setKernelArgs(String kernelArgs) {
        this.kernelArgs = kernelArgs;
    }

}
