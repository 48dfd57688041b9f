package io.github.xenpv.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code <guest>} as written in the POM. Every value is kept as the text the user wrote (Maven
 * binds the XML into these fields), so that {@link GuestValidator}, not Maven's type converter,
 * reports a bad value with the element's path and the rule it breaks.
 */
public class Guest {
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
    private List<Network> networks;
    private List<Disk> disks;
    private Grub grub;
    private List<String> fstabBase;
    private List<String> modulesConfBase;
    private Map<String, String> extraConfig;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getArch() {
        return arch;
    }

    public void setArch(String arch) {
        this.arch = arch;
    }

    public String getKernel() {
        return kernel;
    }

    public void setKernel(String kernel) {
        this.kernel = kernel;
    }

    public String getKernelVariant() {
        return kernelVariant;
    }

    public void setKernelVariant(String kernelVariant) {
        this.kernelVariant = kernelVariant;
    }

    public String getDriverKernel() {
        return driverKernel;
    }

    public void setDriverKernel(String driverKernel) {
        this.driverKernel = driverKernel;
    }

    public String getDriverRelease() {
        return driverRelease;
    }

    public void setDriverRelease(String driverRelease) {
        this.driverRelease = driverRelease;
    }

    public String getDriverRpm() {
        return driverRpm;
    }

    public void setDriverRpm(String driverRpm) {
        this.driverRpm = driverRpm;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }

    public String getVcpus() {
        return vcpus;
    }

    public void setVcpus(String vcpus) {
        this.vcpus = vcpus;
    }

    public String getUuid() {
        return uuid;
    }

    public void setUuid(String uuid) {
        this.uuid = uuid;
    }

    public String getDom0Arch() {
        return dom0Arch;
    }

    public void setDom0Arch(String dom0Arch) {
        this.dom0Arch = dom0Arch;
    }

    public String getDom0Release() {
        return dom0Release;
    }

    public void setDom0Release(String dom0Release) {
        this.dom0Release = dom0Release;
    }

    public String getNoapic() {
        return noapic;
    }

    public void setNoapic(String noapic) {
        this.noapic = noapic;
    }

    public String getModuleLoading() {
        return moduleLoading;
    }

    public void setModuleLoading(String moduleLoading) {
        this.moduleLoading = moduleLoading;
    }

    public BootDisk getBootDisk() {
        return bootDisk;
    }

    public void setBootDisk(BootDisk bootDisk) {
        this.bootDisk = bootDisk;
    }

    public List<Network> getNetworks() {
        return networks;
    }

    public void setNetworks(List<Network> networks) {
        this.networks = networks;
    }

    public List<Disk> getDisks() {
        return disks;
    }

    public void setDisks(List<Disk> disks) {
        this.disks = disks;
    }

    public Grub getGrub() {
        return grub;
    }

    public void setGrub(Grub grub) {
        this.grub = grub;
    }

    public List<String> getFstabBase() {
        return fstabBase;
    }

    public void setFstabBase(List<String> fstabBase) {
        this.fstabBase = fstabBase;
    }

    public List<String> getModulesConfBase() {
        return modulesConfBase;
    }

    public void setModulesConfBase(List<String> modulesConfBase) {
        this.modulesConfBase = modulesConfBase;
    }

    public Map<String, String> getExtraConfig() {
        return extraConfig;
    }

    public void setExtraConfig(Map<String, String> extraConfig) {
        this.extraConfig = extraConfig;
    }
}
