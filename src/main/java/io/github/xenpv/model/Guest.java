package io.github.xenpv.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code <guest>} as written in the POM. Every value is kept as the text the user wrote (Maven
 * binds the XML into these fields), so that {@link GuestValidator}, not Maven's type converter,
 * reports a bad value with the element's path and the rule it breaks.
 */
public class Guest {

    /**
     * The {@code <driverKernel>} of a guest that leaves it out: the kernel Red Hat built kmod-xenpv
     * for (procedure step 3: /lib/modules/2.4.21-52.EL[%kvariant]/extra/xenpv).
     */
    public static final String DEFAULT_DRIVER_KERNEL = "2.4.21-52.EL";

    private String name;
    private String arch;
    private String kernel;
    private String kernelVariant;
    private String driverKernel;
    private String driverRelease;
    private String driverRpm;
    private String memory;
    private String vcpus;
    private String uuid;
    private String dom0Arch;
    private String dom0Release;
    private String noapic;
    private String moduleLoading;
    private BootDisk bootDisk;
    private List<EmulatedDisk> emulatedDisks;
    private List<Network> networks;
    private List<Disk> disks;
    private Grub grub;
    private List<String> fstabBase;
    private List<String> modulesConfBase;
    private Map<String, String> extraConfig;

    /**
     * {@return the {@code <name>} element as written: the Xen domain name, also the file {@code
     * /etc/xen/NAME} and the guest's bundle folder; required}
     */
    public String getName() {
        return name;
    }

    /** @param name the {@code <name>} element, as Maven binds it from the POM */
    public void setName(String name) {
        this.name = name;
    }

    /**
     * {@return the {@code <arch>} element as written: the guest kernel's architecture: {@code
     * i686}, {@code athlon}, {@code ia32e} or {@code x86_64}; required}
     */
    public String getArch() {
        return arch;
    }

    /** @param arch the {@code <arch>} element, as Maven binds it from the POM */
    public void setArch(String arch) {
        this.arch = arch;
    }

    /**
     * {@return the {@code <kernel>} element as written: the RHEL 3 kernel release without its
     * variant, e.g. {@code 2.4.21-52.EL}; required}
     */
    public String getKernel() {
        return kernel;
    }

    /** @param kernel the {@code <kernel>} element, as Maven binds it from the POM */
    public void setKernel(String kernel) {
        this.kernel = kernel;
    }

    /**
     * {@return the {@code <kernelVariant>} element as written: the kernel flavour, {@code smp} or
     * {@code hugemem}; empty or absent means uniprocessor}
     */
    public String getKernelVariant() {
        return kernelVariant;
    }

    /** @param kernelVariant the {@code <kernelVariant>} element, as Maven binds it from the POM */
    public void setKernelVariant(String kernelVariant) {
        this.kernelVariant = kernelVariant;
    }

    /**
     * {@return the {@code <driverKernel>} element as written: the kernel release the kmod-xenpv
     * RPM was built for, e.g. {@code 2.4.21-52.EL}}
     */
    public String getDriverKernel() {
        return driverKernel;
    }

    /** @param driverKernel the {@code <driverKernel>} element, as Maven binds it from the POM */
    public void setDriverKernel(String driverKernel) {
        this.driverKernel = driverKernel;
    }

    /**
     * {@return the {@code <driverRelease>} element as written: the kmod-xenpv {@code %release},
     * e.g. {@code 0.1-5.el}; required}
     */
    public String getDriverRelease() {
        return driverRelease;
    }

    /** @param driverRelease the {@code <driverRelease>} element, as Maven binds it from the POM */
    public void setDriverRelease(String driverRelease) {
        this.driverRelease = driverRelease;
    }

    /**
     * {@return the {@code <driverRpm>} element as written: the file name or glob of the driver RPM
     * placed next to {@code install-guest.sh}; default {@code kmod-xenpv*.rpm}}
     */
    public String getDriverRpm() {
        return driverRpm;
    }

    /** @param driverRpm the {@code <driverRpm>} element, as Maven binds it from the POM */
    public void setDriverRpm(String driverRpm) {
        this.driverRpm = driverRpm;
    }

    /** {@return the {@code <memory>} element as written: MiB of guest memory; default 512} */
    public String getMemory() {
        return memory;
    }

    /** @param memory the {@code <memory>} element, as Maven binds it from the POM */
    public void setMemory(String memory) {
        this.memory = memory;
    }

    /** {@return the {@code <vcpus>} element as written: the number of virtual CPUs; default 1} */
    public String getVcpus() {
        return vcpus;
    }

    /** @param vcpus the {@code <vcpus>} element, as Maven binds it from the POM */
    public void setVcpus(String vcpus) {
        this.vcpus = vcpus;
    }

    /**
     * {@return the {@code <uuid>} element as written: the domain's UUID; absent means one derived
     * from the guest's name, the same on every build}
     */
    public String getUuid() {
        return uuid;
    }

    /** @param uuid the {@code <uuid>} element, as Maven binds it from the POM */
    public void setUuid(String uuid) {
        this.uuid = uuid;
    }

    /**
     * {@return the {@code <dom0Arch>} element as written: the host's architecture, {@code x86_64}
     * (default) or {@code i386}}
     */
    public String getDom0Arch() {
        return dom0Arch;
    }

    /** @param dom0Arch the {@code <dom0Arch>} element, as Maven binds it from the POM */
    public void setDom0Arch(String dom0Arch) {
        this.dom0Arch = dom0Arch;
    }

    /**
     * {@return the {@code <dom0Release>} element as written: the host's RHEL release, e.g. {@code
     * 5.1}; informs the {@code noapic} warning}
     */
    public String getDom0Release() {
        return dom0Release;
    }

    /** @param dom0Release the {@code <dom0Release>} element, as Maven binds it from the POM */
    public void setDom0Release(String dom0Release) {
        this.dom0Release = dom0Release;
    }

    /**
     * {@return the {@code <noapic>} element as written: {@code true} (default) or {@code false}:
     * whether the kernel line gets {@code noapic}}
     */
    public String getNoapic() {
        return noapic;
    }

    /** @param noapic the {@code <noapic>} element, as Maven binds it from the POM */
    public void setNoapic(String noapic) {
        this.noapic = noapic;
    }

    /**
     * {@return the {@code <moduleLoading>} element as written: where boot loads the PV block
     * driver, {@code rc.modules} (default) or {@code rc.local}}
     */
    public String getModuleLoading() {
        return moduleLoading;
    }

    /** @param moduleLoading the {@code <moduleLoading>} element, as Maven binds it from the POM */
    public void setModuleLoading(String moduleLoading) {
        this.moduleLoading = moduleLoading;
    }

    /**
     * {@return the {@code <bootDisk>} element as written: the emulated IDE disk the guest boots
     * from; required}
     */
    public BootDisk getBootDisk() {
        return bootDisk;
    }

    /** @param bootDisk the {@code <bootDisk>} element, as Maven binds it from the POM */
    public void setBootDisk(BootDisk bootDisk) {
        this.bootDisk = bootDisk;
    }

    /**
     * {@return the {@code <networks>} element as written: the NICs, {@code eth0} first; absent
     * means one NIC on {@code xenbr0}, empty means none}
     */
    public List<Network> getNetworks() {
        return networks;
    }

    /** @param networks the {@code <networks>} element, as Maven binds it from the POM */
    public void setNetworks(List<Network> networks) {
        this.networks = networks;
    }

    /**
     * {@return the {@code <emulatedDisks>} element as written: data disks that stay on the emulated
     * IDE driver; absent means none}
     */
    public List<EmulatedDisk> getEmulatedDisks() {
        return emulatedDisks;
    }

    /** @param emulatedDisks the {@code <emulatedDisks>} element, as Maven binds it from the POM */
    public void setEmulatedDisks(List<EmulatedDisk> emulatedDisks) {
        this.emulatedDisks = emulatedDisks;
    }

    /** {@return the {@code <disks>} element as written: the PV disks; absent means none} */
    public List<Disk> getDisks() {
        return disks;
    }

    /** @param disks the {@code <disks>} element, as Maven binds it from the POM */
    public void setDisks(List<Disk> disks) {
        this.disks = disks;
    }

    /** {@return the {@code <grub>} element as written: the boot entry; absent means every default} */
    public Grub getGrub() {
        return grub;
    }

    /** @param grub the {@code <grub>} element, as Maven binds it from the POM */
    public void setGrub(Grub grub) {
        this.grub = grub;
    }

    /**
     * {@return the {@code <fstabBase>} element as written: the fstab lines kept above the plugin's
     * entries; absent means RHEL 3's stock fstab}
     */
    public List<String> getFstabBase() {
        return fstabBase;
    }

    /** @param fstabBase the {@code <fstabBase>} element, as Maven binds it from the POM */
    public void setFstabBase(List<String> fstabBase) {
        this.fstabBase = fstabBase;
    }

    /**
     * {@return the {@code <modulesConfBase>} element as written: the modules.conf lines kept above
     * the plugin's aliases; absent means none}
     */
    public List<String> getModulesConfBase() {
        return modulesConfBase;
    }

    /** @param modulesConfBase the {@code <modulesConfBase>} element, as Maven binds it from the POM */
    public void setModulesConfBase(List<String> modulesConfBase) {
        this.modulesConfBase = modulesConfBase;
    }

    /**
     * {@return the {@code <extraConfig>} element as written: extra xm settings, key to value;
     * absent means none}
     */
    public Map<String, String> getExtraConfig() {
        return extraConfig;
    }

    /** @param extraConfig the {@code <extraConfig>} element, as Maven binds it from the POM */
    public void setExtraConfig(Map<String, String> extraConfig) {
        this.extraConfig = extraConfig;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("Guest", "name", name, "arch", arch, "kernel", kernel,
                "kernelVariant", kernelVariant, "driverKernel", driverKernel, "driverRelease", driverRelease, "driverRpm", driverRpm,
                "memory", memory, "vcpus", vcpus, "uuid", uuid, "dom0Arch", dom0Arch,
                "dom0Release", dom0Release, "noapic", noapic, "moduleLoading", moduleLoading,
                "bootDisk", bootDisk, "emulatedDisks", emulatedDisks, "networks", networks, "disks", disks, "grub", grub,
                "fstabBase", fstabBase, "modulesConfBase", modulesConfBase, "extraConfig", extraConfig);
    }
}
