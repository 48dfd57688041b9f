package io.github.xenpv.model;

/** The {@code <grub>} element: the guest boot entry that gets {@code noapic}. */
public class Grub {

    /** The {@code <root>} of a guest that leaves it out: the first partition of the boot disk. */
    public static final String DEFAULT_ROOT = "(hd0,0)";

    /** The {@code <rootDevice>} of a guest that leaves it out: the root file system anaconda labels. */
    public static final String DEFAULT_ROOT_DEVICE = "LABEL=/";

    private String title;
    private String root;
    private String rootDevice;
    private String separateBoot;
    private String kernelArgs;

    /**
     * {@return the {@code <title>} element as written: the boot entry's title; default {@code Red
     * Hat Enterprise Linux (KERNEL)}}
     */
    public String getTitle() {
        return title;
    }

    /** @param title the {@code <title>} element, as Maven binds it from the POM */
    public void setTitle(String title) {
        this.title = title;
    }

    /**
     * {@return the {@code <root>} element as written: the GRUB device holding the kernel; default
     * {@code (hd0,0)}}
     */
    public String getRoot() {
        return root;
    }

    /** @param root the {@code <root>} element, as Maven binds it from the POM */
    public void setRoot(String root) {
        this.root = root;
    }

    /**
     * {@return the {@code <rootDevice>} element as written: the kernel's {@code root=} argument;
     * default {@code LABEL=/}}
     */
    public String getRootDevice() {
        return rootDevice;
    }

    /** @param rootDevice the {@code <rootDevice>} element, as Maven binds it from the POM */
    public void setRootDevice(String rootDevice) {
        this.rootDevice = rootDevice;
    }

    /**
     * {@return the {@code <separateBoot>} element as written: {@code true} (default) when {@code
     * /boot} is a partition of its own, else {@code false}}
     */
    public String getSeparateBoot() {
        return separateBoot;
    }

    /** @param separateBoot the {@code <separateBoot>} element, as Maven binds it from the POM */
    public void setSeparateBoot(String separateBoot) {
        this.separateBoot = separateBoot;
    }

    /**
     * {@return the {@code <kernelArgs>} element as written: extra kernel arguments, before {@code
     * noapic}; absent means none}
     */
    public String getKernelArgs() {
        return kernelArgs;
    }

    /** @param kernelArgs the {@code <kernelArgs>} element, as Maven binds it from the POM */
    public void setKernelArgs(String kernelArgs) {
        this.kernelArgs = kernelArgs;
    }

    /**
     * The {@code <title>} of a guest that leaves it out.
     *
     * @param kernelRelease what {@code uname -r} prints, e.g. {@code 2.4.21-52.ELsmp}
     * @return the title anaconda gives that kernel's entry
     */
    public static String defaultTitle(String kernelRelease) {
        return "Red Hat Enterprise Linux (" + kernelRelease + ")";
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("Grub", "title", title, "root", root, "rootDevice", rootDevice,
                "separateBoot", separateBoot, "kernelArgs", kernelArgs);
    }
}
