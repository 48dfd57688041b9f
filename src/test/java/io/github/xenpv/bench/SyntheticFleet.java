package io.github.xenpv.bench;

import io.github.xenpv.fixtures.SeedGuest;

import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A made-up fleet of valid guests, as a pipeline rendering a whole site would declare it. Each guest
 * has 2 NICs (xenbr0, xenbr1) and 2 PV disks with 3 partitions in total: an image file {@code xvda}
 * with {@code /srv/data} and {@code /srv/logs}, and an LVM volume {@code xvdb} holding swap.
 * Values vary from guest to guest (arch, variant, memory, vcpus) so no two bundles are alike.
 *
 * <p>The same declarations come out as {@link Guest} beans for in-process rendering and as the
 * {@code <guests>} XML of a POM, so both measurements render the same fleet.
 */
final class SyntheticFleet {

    /** The kernel every guest runs; {@link FilteringTwin} turns it into a placeholder. */
    static final String KERNEL = "2.4.21-52.EL";
    static final String DRIVER_RELEASE = "0.1-5.el";
    static final String BRIDGE_PREFIX = "xenbr";
    static final String MAC_PREFIX = "00:16:3e";

    private SyntheticFleet() {
    }

    static String name(int index) {
        return String.format(Locale.ROOT, "fleet_%05d", index);
    }

    static List<Guest> declarations(int size) {
        return IntStream.range(0, size).mapToObj(SyntheticFleet::declaration).toList();
    }

    /** The {@code <guests>} element, indented to sit in the plugin's {@code <configuration>}. */
    static String guestsXml(int size) {
        StringBuilder xml = new StringBuilder("          <guests>\n");
        for (Guest guest : declarations(size)) {
            xml.append("            <guest>\n");
            element(xml, 14, "name", guest.getName());
            element(xml, 14, "arch", guest.getArch());
            element(xml, 14, "kernel", guest.getKernel());
            if (guest.getKernelVariant() != null) {
                element(xml, 14, "kernelVariant", guest.getKernelVariant());
            }
            element(xml, 14, "driverRelease", guest.getDriverRelease());
            element(xml, 14, "memory", guest.getMemory());
            element(xml, 14, "vcpus", guest.getVcpus());
            xml.append("              <bootDisk><source>").append(guest.getBootDisk().getSource()).append("</source></bootDisk>\n");
            xml.append("              <networks>\n");
            for (Network network : guest.getNetworks()) {
                xml.append("                <network><mac>").append(network.getMac()).append("</mac><bridge>")
                        .append(network.getBridge()).append("</bridge></network>\n");
            }
            xml.append("              </networks>\n              <disks>\n");
            for (Disk disk : guest.getDisks()) {
                xml.append("                <disk>\n");
                element(xml, 18, "source", disk.getSource());
                element(xml, 18, "device", disk.getDevice());
                xml.append("                  <partitions>\n");
                for (Partition partition : disk.getPartitions()) {
                    xml.append("                    <partition><number>").append(partition.getNumber())
                            .append("</number><mountPoint>").append(partition.getMountPoint())
                            .append("</mountPoint></partition>\n");
                }
                xml.append("                  </partitions>\n                </disk>\n");
            }
            xml.append("              </disks>\n            </guest>\n");
        }
        return xml.append("          </guests>\n").toString();
    }

    private static Guest declaration(int index) {
        Guest guest = new Guest();
        String name = name(index);
        guest.setName(name);
        boolean smp = index % 2 == 1;
        guest.setArch(index % 3 == 0 ? "i686" : "x86_64");
        guest.setKernel(KERNEL);
        guest.setKernelVariant(smp ? "smp" : null);
        guest.setDriverRelease(DRIVER_RELEASE);
        guest.setMemory(Integer.toString(512 + 256 * (index % 4)));
        guest.setVcpus(smp ? "2" : "1");
        BootDisk bootDisk = new BootDisk();
        bootDisk.setSource("/var/lib/xen/images/" + name + ".img");
        guest.setBootDisk(bootDisk);
        guest.setNetworks(new ArrayList<>(List.of(network(index, 0), network(index, 1))));
        guest.setDisks(new ArrayList<>(List.of(
                SeedGuest.disk("/var/lib/xen/images/" + name + "-data.img", "xvda",
                        SeedGuest.partition("1", "/srv/data"), SeedGuest.partition("2", "/srv/logs")),
                SeedGuest.disk("/dev/vg_fleet/" + name + "-swap", "xvdb", SeedGuest.partition("1", "swap")))));
        return guest;
    }

    /**
     * Declared, not derived: derived MACs hash into 23 bits, and thousands of NICs would share some.
     * Here NIC {@code k} of guest {@code i} is number {@code 2i + k} under Xen's prefix.
     */
    private static Network network(int guestIndex, int nicIndex) {
        int number = 2 * guestIndex + nicIndex;
        Network network = new Network();
        network.setMac(String.format(Locale.ROOT, "%s:%02x:%02x:%02x", MAC_PREFIX,
                (number >> 16) & 0x7f, (number >> 8) & 0xff, number & 0xff));
        network.setBridge(BRIDGE_PREFIX + nicIndex);
        return network;
    }

    private static void element(StringBuilder xml, int indent, String name, String value) {
        xml.append(" ".repeat(indent)).append('<').append(name).append('>').append(value)
                .append("</").append(name).append(">\n");
    }
}
