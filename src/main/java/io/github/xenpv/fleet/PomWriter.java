package io.github.xenpv.fleet;

import io.github.xenpv.model.BaseFiles;
import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.EmulatedDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Dom0Arch;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ModuleLoading;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.XmConfig;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * Writes the imported guests as a complete {@code pom}-packaged project that runs this plugin's
 * {@code validate}, {@code generate} and {@code bundle} goals, laid out like the README's example:
 * only the elements a user would write (what equals the plugin's default is left out), simple
 * values on one line, each empty element that a person must fill in followed by a comment that
 * says what goes there.
 */
public final class PomWriter {

    /** Placeholder coordinates of the written project, for the user to change. */
    static final String GROUP_ID = "com.example.ops";
    static final String ARTIFACT_ID = "rhel3-guests";
    static final String VERSION = "1.0.0-SNAPSHOT";

    /**
     * The Maven plugins the written project pins besides this one, artifactId and version: every
     * plugin Maven binds to a pom project's clean, default and site lifecycles.
     */
    private static final List<String[]> PINNED_PLUGINS = List.of(new String[] {"maven-clean-plugin", "3.5.0"},
            new String[] {"maven-install-plugin", "3.2.0"}, new String[] {"maven-deploy-plugin", "3.2.0"},
            new String[] {"maven-site-plugin", "3.22.0"});

    private final StringBuilder out = new StringBuilder();
    /** The elements written with a value Maven would rewrite, {@code <name>value}: none may reach pom.xml. */
    private final List<String> rewritten = new ArrayList<>();

    private PomWriter() {
    }

    /**
     * The plugin that writes the project, pinned in it.
     *
     * @param groupId    its groupId
     * @param artifactId its artifactId
     * @param version    its version
     */
    public record Plugin(String groupId, String artifactId, String version) {
    }

    /**
     * The project's pom.xml.
     *
     * @param configs         the configs that imported, in order
     * @param configsRead     how many configs were read in all
     * @param plugin          this plugin, which the project pins
     * @param outputTimestamp the project's {@code project.build.outputTimestamp}
     * @return the pom.xml
     */
    public static String write(List<ImportedConfig> configs, int configsRead, Plugin plugin, Instant outputTimestamp) {
        PomWriter writer = new PomWriter();
        writer.project(configs, configsRead, plugin, outputTimestamp);
        if (!writer.rewritten.isEmpty()) {
            throw new IllegalStateException("values Maven would rewrite reached pom.xml: " + writer.rewritten);
        }
        return writer.out.toString();
    }

    /**
     * The values of a guest that Maven would rewrite (see {@link MavenInterpolation}), exactly as
     * {@link #write} would write the guest: a config whose guest has any is not imported.
     *
     * @param guest an imported guest
     * @return each such element as {@code <name>value}, in the order pom.xml would have them
     */
    static List<String> rewritten(Guest guest) {
        PomWriter writer = new PomWriter();
        writer.guest(guest, Map.of());
        return List.copyOf(writer.rewritten);
    }


    private void project(List<ImportedConfig> configs, int configsRead, Plugin plugin, Instant outputTimestamp) {
        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        line(0, "<!--");
        line(0, "  Written by xenpv:import (" + comment(plugin.artifactId() + " " + plugin.version()) + ") from "
                + configsRead + (configsRead == 1 ? " xm config" : " xm configs") + ". import-report.txt beside this");
        line(0, "  file says, line by line, what each config and guest root gave: what was kept, changed and");
        line(0, "  dropped, and what to fill in. `mvn package` writes each guest's bundle to target/xenpv/<name>/");
        line(0, "  and archives it. Change groupId, artifactId and version to your own.");
        line(0, "-->");
        line(0, "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"");
        line(0, "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
        line(0, "         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">");
        line(1, "<modelVersion>4.0.0</modelVersion>");
        out.append('\n');
        line(1, element("groupId", GROUP_ID));
        line(1, element("artifactId", ARTIFACT_ID));
        line(1, element("version", VERSION));
        line(1, element("packaging", "pom"));
        out.append('\n');
        line(1, "<properties>");
        line(2, element("project.build.outputTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(outputTimestamp.truncatedTo(ChronoUnit.SECONDS))));
        line(1, "</properties>");
        out.append('\n');
        line(1, "<build>");
        pinnedPlugins();
        line(2, "<plugins>");
        line(3, "<plugin>");
        line(4, element("groupId", plugin.groupId()));
        line(4, element("artifactId", plugin.artifactId()));
        line(4, element("version", plugin.version()));
        line(4, "<executions>");
        line(5, "<execution>");
        line(6, "<goals>");
        for (String goal : List.of("validate", "generate", "bundle")) {
            line(7, element("goal", goal));
        }
        line(6, "</goals>");
        line(5, "</execution>");
        line(4, "</executions>");
        line(4, "<configuration>");
        line(5, "<guests>");
        configs.forEach(config -> guest(config.guest().orElseThrow(), config.fillIns()));
        line(5, "</guests>");
        line(4, "</configuration>");
        line(3, "</plugin>");
        line(2, "</plugins>");
        line(1, "</build>");
        line(0, "</project>");
    }

    /**
     * Every lifecycle plugin pinned as in examples/seed, so the release pipeline of the README works
     * on the written project too and Maven 4 finds no unpinned plugin (PomWriterTest keeps the two in
     * step).
     */
    private void pinnedPlugins() {
        line(2, "<pluginManagement>");
        line(3, "<plugins>");
        line(4, "<!-- Every plugin Maven binds to a pom project's lifecycles is pinned, so the build does not");
        line(4, "     change with the Maven that runs it and Maven 4 does not warn \"Version not locked for");
        line(4, "     default bindings plugins\". Maven 3.8 would deploy with maven-deploy-plugin 2.7, which");
        line(4, "     reads -DaltDeploymentRepository only as id::default::url (3.x takes id::url). -->");
        for (String[] plugin : PINNED_PLUGINS) {
            line(4, "<plugin>");
            line(5, element("groupId", "org.apache.maven.plugins"));
            line(5, element("artifactId", plugin[0]));
            line(5, element("version", plugin[1]));
            line(4, "</plugin>");
        }
        line(3, "</plugins>");
        line(2, "</pluginManagement>");
    }

    private void guest(Guest guest, Map<String, String> fillIns) {
        int indent = 6;
        line(indent, "<guest>");
        int in = indent + 1;
        value(in, "name", guest.getName(), null, fillIns);
        value(in, "arch", guest.getArch(), null, fillIns);
        value(in, "kernel", guest.getKernel(), null, fillIns);
        value(in, "kernelVariant", guest.getKernelVariant(), "", fillIns);
        // The defaults that follow from the guest's release (SPEC §15): a RHEL 4 or 5 driverKernel is the kernel.
        Optional<Release> release = Optional.ofNullable(guest.getKernel()).flatMap(Release::ofKernel);
        value(in, "driverKernel", guest.getDriverKernel(),
                release.filter(Release::kernel26).isPresent() ? guest.getKernel() : Guest.DEFAULT_DRIVER_KERNEL, fillIns);
        value(in, "driverRelease", guest.getDriverRelease(), null, fillIns);
        value(in, "driverRpm", guest.getDriverRpm(), null, fillIns);
        value(in, "memory", guest.getMemory(), "512", fillIns);
        value(in, "vcpus", guest.getVcpus(), "1", fillIns);
        value(in, "uuid", guest.getUuid(), null, fillIns);
        value(in, "dom0Arch", guest.getDom0Arch(), Dom0Arch.X86_64.toString(), fillIns);
        value(in, "dom0Release", guest.getDom0Release(), null, fillIns);
        value(in, "noapic", guest.getNoapic(), "true", fillIns);
        value(in, "moduleLoading", guest.getModuleLoading(), ModuleLoading.RC_MODULES.toString(), fillIns);
        bootDisk(in, guest.getBootDisk(), fillIns);
        emulatedDisks(in, guest.getEmulatedDisks(), fillIns);
        networks(in, guest.getNetworks());
        disks(in, guest.getDisks(), fillIns);
        grub(in, guest);
        lines(in, "fstabBase", guest.getFstabBase(), release.map(Release::stockFstab).orElse(BaseFiles.STOCK_FSTAB));
        lines(in, "modulesConfBase", guest.getModulesConfBase(), List.of());
        extraConfig(in, guest.getName(), guest.getExtraConfig());
        line(indent, "</guest>");
    }

    /**
     * One simple element, left out when absent or equal to {@code fallback}; an element to fill
     * in is written even when empty, followed by what goes there.
     */
    private void value(int indent, String name, String value, String fallback, Map<String, String> fillIns) {
        String note = fillIns.get(name);
        if (note != null) {
            line(indent, element(name, value == null ? "" : value) + " " + note(note));
        } else if (value != null && !value.equals(fallback) && !(fallback == null && value.isEmpty())) {
            line(indent, element(name, value));
        }
    }

    private void bootDisk(int indent, BootDisk bootDisk, Map<String, String> fillIns) {
        if (bootDisk == null) {
            return;
        }
        StringBuilder inline = new StringBuilder("<bootDisk>").append(element("source", orEmpty(bootDisk.getSource())));
        if (bootDisk.getDevice() != null && !bootDisk.getDevice().equals("hda")) {
            inline.append(element("device", bootDisk.getDevice()));
        }
        inline.append("</bootDisk>");
        String note = fillIns.get("bootDisk/source");
        line(indent, inline + (note == null ? "" : " " + note(note)));
    }

    private void emulatedDisks(int indent, List<EmulatedDisk> disks, Map<String, String> fillIns) {
        if (disks == null || disks.isEmpty()) {
            return;
        }
        line(indent, "<emulatedDisks>");
        for (int i = 0; i < disks.size(); i++) {
            EmulatedDisk disk = disks.get(i);
            StringBuilder inline = new StringBuilder("<emulatedDisk>").append(element("source", orEmpty(disk.getSource())))
                    .append(element("device", disk.getDevice()));
            if (disk.getAccess() != null && !disk.getAccess().equals("w")) {
                inline.append(element("access", disk.getAccess()));
            }
            String note = fillIns.get("emulatedDisks/emulatedDisk[" + (i + 1) + "]/source");
            line(indent + 1, inline + "</emulatedDisk>" + (note == null ? "" : " " + note(note)));
        }
        line(indent, "</emulatedDisks>");
    }

    private void networks(int indent, List<Network> networks) {
        if (networks == null) {
            return;
        }
        if (networks.isEmpty()) {
            line(indent, "<networks/>");
        } else if (networks.size() == 1) {
            line(indent, "<networks>" + network(networks.get(0)) + "</networks>");
        } else {
            line(indent, "<networks>");
            networks.forEach(network -> line(indent + 1, network(network)));
            line(indent, "</networks>");
        }
    }

    private String network(Network network) {
        StringBuilder inline = new StringBuilder();
        if (network.getMac() != null) {
            inline.append(element("mac", network.getMac()));
        }
        if (network.getBridge() != null && !network.getBridge().equals(Network.DEFAULT_BRIDGE)) {
            inline.append(element("bridge", network.getBridge()));
        }
        if (network.getType() != null && !network.getType().isEmpty()) {
            inline.append(element("type", network.getType()));
        }
        return inline.isEmpty() ? "<network/>" : "<network>" + inline + "</network>";
    }

    private void disks(int indent, List<Disk> disks, Map<String, String> fillIns) {
        if (disks == null || disks.isEmpty()) {
            return;
        }
        line(indent, "<disks>");
        for (int i = 0; i < disks.size(); i++) {
            Disk disk = disks.get(i);
            int in = indent + 2;
            line(indent + 1, "<disk>");
            String note = fillIns.get("disks/disk[" + (i + 1) + "]/source");
            line(in, element("source", orEmpty(disk.getSource())) + (note == null ? "" : " " + note(note)));
            line(in, element("device", disk.getDevice()));
            if (disk.getNode() != null && !disk.getNode().equals(disk.getDevice())) {
                line(in, element("node", disk.getNode()));
            }
            if (disk.getAccess() != null && !disk.getAccess().equals("w")) {
                line(in, element("access", disk.getAccess()));
            }
            if (disk.getPartitions() != null && !disk.getPartitions().isEmpty()) {
                line(in, "<partitions>");
                disk.getPartitions().forEach(partition -> line(in + 1, partition(partition)));
                line(in, "</partitions>");
            }
            line(indent + 1, "</disk>");
        }
        line(indent, "</disks>");
    }

    private String partition(Partition partition) {
        boolean swap = "swap".equals(partition.getMountPoint());
        StringBuilder inline = new StringBuilder("<partition>");
        inline.append(element("number", partition.getNumber())).append(element("mountPoint", partition.getMountPoint()));
        optional(inline, "fsType", partition.getFsType(), swap ? "swap" : "ext3");
        optional(inline, "options", partition.getOptions(), "defaults");
        optional(inline, "dump", partition.getDump(), swap ? "0" : "1");
        optional(inline, "pass", partition.getPass(), "0");
        return inline.append("</partition>").toString();
    }

    private void optional(StringBuilder inline, String name, String value, String fallback) {
        if (value != null && !value.equals(fallback)) {
            inline.append(element(name, value));
        }
    }

    private void grub(int indent, Guest guest) {
        Grub grub = guest.getGrub();
        if (grub == null) {
            return;
        }
        String release = orEmpty(guest.getKernel()) + orEmpty(guest.getKernelVariant());
        StringBuilder children = new StringBuilder();
        optional(children, "title", grub.getTitle(), Grub.defaultTitle(release));
        optional(children, "root", grub.getRoot(), Grub.DEFAULT_ROOT);
        optional(children, "rootDevice", grub.getRootDevice(), Optional.ofNullable(guest.getKernel())
                .flatMap(Release::ofKernel).map(Release::defaultRootDevice).orElse(Grub.DEFAULT_ROOT_DEVICE));
        optional(children, "separateBoot", grub.getSeparateBoot(), "true");
        optional(children, "kernelArgs", grub.getKernelArgs(), "");
        if (children.isEmpty()) {
            return;
        }
        line(indent, "<grub>");
        for (String child : children.toString().split("(?<=>)(?=<[a-zA-Z])")) {
            line(indent + 1, child);
        }
        line(indent, "</grub>");
    }

    private void lines(int indent, String name, List<String> lines, List<String> fallback) {
        if (lines == null || lines.equals(fallback)) {
            return;
        }
        line(indent, "<" + name + ">");
        lines.forEach(text -> line(indent + 1, element("line", text)));
        line(indent, "</" + name + ">");
    }

    private void extraConfig(int indent, String guestName, Map<String, String> extraConfig) {
        if (extraConfig == null || extraConfig.isEmpty()) {
            return;
        }
        line(indent, "<extraConfig>");
        // a password never: the property the user supplies at build time stands in its place
        extraConfig.forEach((key, value) -> line(indent + 1, XmConfig.isSecret(key)
                ? "<" + key + ">${" + XmConfig.secretProperty(guestName, key) + "}</" + key + ">" : element(key, value)));
        line(indent, "</extraConfig>");
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }

    private static String orEmpty(String value) {
        return Objects.requireNonNullElse(value, "");
    }

    /** The element of a value from a config or a guest: noted when Maven would rewrite the value. */
    private String element(String name, String value) {
        MavenInterpolation.rewritten(value).ifPresent(sequence -> rewritten.add("<" + name + ">" + value));
        return "<" + name + ">" + text(value) + "</" + name + ">";
    }

    private static String note(String note) {
        return "<!-- fill in: " + comment(note) + " -->";
    }

    /** Character data: markup characters escaped; a control character XML 1.0 cannot hold (validation refuses them all) as '?'. */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c < 0x20 && c != '\t' || c == 0xfffe || c == 0xffff ? '?' : c);
            }
        }
        return escaped.toString();
    }

    /** Text inside a comment: no {@code --}, no trailing {@code -}. */
    private static String comment(String text) {
        String safe = text(text).replace("--", "- -");
        return safe.endsWith("-") ? safe + " " : safe;
    }
}
