package io.github.xenpv.fleet;

import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Random valid declarations of everything an import can know: every element that reaches the xm
 * config or the guest's fstab, modules.conf and grub.conf, at random, and the fleet-wide values
 * (arch, driverRelease, driverKernel) shared by every guest. What no imported file holds stays at
 * its default: {@code driverRpm}, {@code noapic}, {@code dom0Release} and {@code moduleLoading}
 * (README, "Bring in existing guests": what the import cannot know). Base lines never start with the mark of a
 * line the plugin commented out, which the import reads as the plugin's.
 */
final class RecoverableDeclarations {

    private static final List<String> ARCHES = List.of("i686", "athlon", "ia32e", "x86_64");

    private final Random random;
    private final boolean nodes;

    /** @param nodes whether PV disks may name their /dev node apart from their vdev (the round trip then needs mknod) */
    RecoverableDeclarations(Random random, boolean nodes) {
        this.random = random;
        this.nodes = nodes;
    }

    /** Fleet-wide values for one import. */
    FleetValues fleet() {
        return new FleetValues(Optional.of(pick(ARCHES.toArray(String[]::new))), Optional.empty(), Optional.empty(),
                Optional.of("0." + random.nextInt(10) + "-" + random.nextInt(20) + pick(".el", "", "_x+1")),
                random.nextBoolean() ? Optional.empty() : Optional.of("2.4.21-" + (50 + random.nextInt(30)) + ".EL"));
    }

    /** One to four guests of one fleet. */
    List<Guest> guests(FleetValues fleet) {
        List<Guest> guests = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            guests.add(guest(guests.size(), fleet));
        }
        return guests;
    }

    private Guest guest(int index, FleetValues fleet) {
        Guest guest = new Guest();
        guest.setName("g" + index + text("abcXYZ019_.-", 12));
        guest.setArch(fleet.arch().orElseThrow());
        guest.setDriverRelease(fleet.driverRelease().orElseThrow());
        guest.setDriverKernel(fleet.driverKernel().orElse(null));
        guest.setKernel("2.4.21-" + (1 + random.nextInt(9999)) + ".EL");
        guest.setKernelVariant(guest.getArch().equals("i686") ? pick(null, "", "smp", "hugemem") : pick(null, "", "smp"));
        guest.setMemory(random.nextBoolean() ? null : Integer.toString(32 + random.nextInt(65536)));
        guest.setVcpus(random.nextBoolean() ? null : Integer.toString(1 + random.nextInt(32)));
        guest.setUuid(random.nextBoolean() ? null : new UUID(random.nextLong(), random.nextLong()).toString());
        guest.setDom0Arch(guest.getArch().equals("x86_64") || guest.getArch().equals("ia32e")
                ? pick(null, "x86_64") : pick(null, "x86_64", "i386"));
        BootDisk bootDisk = new BootDisk();
        bootDisk.setSource(random.nextBoolean() ? "/var/lib/xen/images/g" + index + "/boot.dsk" : "/dev/vg" + index + "/boot");
        bootDisk.setDevice(pick(null, "hda", "hdb", "hdc", "hdd"));
        guest.setBootDisk(bootDisk);
        guest.setNetworks(networks(index));
        guest.setDisks(disks(index));
        guest.setGrub(grub());
        guest.setFstabBase(random.nextBoolean() ? null : lines(List.of("LABEL=/ / ext3 defaults 1 1",
                "LABEL=/boot\t/boot  ext3 defaults 1 2", "none /proc proc defaults 0 0", "/dev/hda3 swap swap defaults 0 0",
                "# a comment of the guest's", "", "/dev/xvda1 /mnt/old ext3 defaults 1 2", "/dev/hdb1 /srv/g0/d0/p1 ext3 defaults 1 2",
                "LABEL=/srv /srv ext3 defaults 1 2", "/dev/cdrom /mnt/cdrom udf,iso9660 noauto,owner,kudzu,ro 0 0",
                "/dev/xvdb2 swap swap defaults 0 0")));
        guest.setModulesConfBase(random.nextBoolean() ? null : lines(List.of("alias eth0 8139too", "alias eth1 e1000",
                "alias scsi_hostadapter aic7xxx", "options e1000 Speed=100", "# kept", "", "alias usb-controller usb-uhci")));
        guest.setExtraConfig(extraConfig());
        return guest;
    }

    private List<Network> networks(int guestIndex) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<Network> networks = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Network network = new Network();
            if (random.nextBoolean()) {
                network.setMac(String.format("%02x:%02x:%02x:%02x:%02x:%02x", 0x02 | (random.nextInt(64) << 2), guestIndex,
                        networks.size(), random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            }
            network.setBridge(pick(null, "xenbr0", "xenbr1", "br-data.10", "virbr_0"));
            network.setType(pick(null, "", "netfront"));
            networks.add(network);
        }
        return networks;
    }

    private List<Disk> disks(int guestIndex) {
        List<Character> vdevs = letters('a', 'p');
        List<Character> nodeLetters = letters('a', 'z');
        boolean namedNodes = nodes && random.nextBoolean();
        List<Disk> disks = new ArrayList<>();
        for (int d = random.nextInt(17) - 1; d >= 0; d--) {
            Disk disk = new Disk();
            int k = disks.size();
            disk.setSource(random.nextBoolean() ? "/var/lib/xen/images/g" + guestIndex + "/d" + k + ".img"
                    : "/dev/vg" + guestIndex + "/d" + k);
            disk.setDevice("xvd" + vdevs.get(k));
            disk.setNode(namedNodes ? "xvd" + nodeLetters.get(k) : null);
            disk.setAccess(pick(null, "w", "r"));
            List<Integer> numbers = new ArrayList<>();
            for (int n = 1; n <= 15; n++) {
                numbers.add(n);
            }
            Collections.shuffle(numbers, random);
            List<Partition> partitions = new ArrayList<>();
            for (int p = random.nextInt(16) - 1; p >= 0; p--) {
                int number = numbers.get(partitions.size());
                Partition partition = new Partition();
                partition.setNumber(Integer.toString(number));
                boolean swap = random.nextInt(6) == 0;
                partition.setMountPoint(swap ? "swap" : "/srv/g" + guestIndex + "/d" + k + "/p" + number
                        + pick("", "_x", ".y", "+z"));
                partition.setFsType(swap ? pick(null, "swap") : pick(null, "ext2", "ext3"));
                partition.setOptions(pick(null, "defaults", "noatime", "ro,noatime", "data=ordered,errors=remount-ro", "noauto"));
                partition.setDump(pick(null, "0", "1"));
                partition.setPass(pick(null, "0", "1", "2"));
                partitions.add(partition);
            }
            disk.setPartitions(random.nextBoolean() && partitions.isEmpty() ? null : partitions);
            disks.add(disk);
        }
        return disks.isEmpty() && random.nextBoolean() ? null : disks;
    }

    private Grub grub() {
        if (random.nextBoolean()) {
            return null;
        }
        Grub grub = new Grub();
        StringBuilder title = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            title.append((char) (0x20 + random.nextInt(0x5f)));
        }
        grub.setTitle(random.nextBoolean() ? null : title.toString().replaceFirst("^( *)=", "$1-")); // GRUB drops a leading '='
        grub.setRoot(pick(null, "(hd0)", "(hd0,0)", "(hd0,2)", "(hd1,2)"));
        grub.setRootDevice(pick(null, "LABEL=/", "/dev/hda2", "/dev/VolGroup00/LogVol00", "UUID=1234-abcd"));
        grub.setSeparateBoot(pick(null, "true", "false"));
        grub.setKernelArgs(pick(null, "quiet", "console=ttyS0,115200 console=tty0", "rhgb noapic", "noapic rhgb",
                "elevator=deadline acpi=off", "ro", "noapic", "root=/dev/hda5 quiet", "quiet quiet"));
        return grub;
    }

    private Map<String, String> extraConfig() {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String key = "x" + Integer.toString(random.nextInt(1 << 20), 36) + "_" + i;
            if (random.nextBoolean()) {
                extra.put(key, Integer.toString(random.nextInt(1_000_000_000)));
            } else {
                String value = text(" !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~", 30);
                // a negative number is refused (libxlutil reads no sign); digits alone become a number
                extra.put(key, value.strip().matches("-[0-9]+") ? "v" + value : value);
            }
        }
        return extra.isEmpty() && random.nextBoolean() ? null : extra;
    }

    /** Some of these lines, in a random order. */
    private List<String> lines(List<String> choices) {
        List<String> lines = new ArrayList<>(choices);
        Collections.shuffle(lines, random);
        return new ArrayList<>(lines.subList(0, random.nextInt(lines.size() + 1)));
    }

    private List<Character> letters(char first, char last) {
        List<Character> letters = new ArrayList<>();
        for (char c = first; c <= last; c++) {
            letters.add(c);
        }
        Collections.shuffle(letters, random);
        return letters;
    }

    private String text(String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
