package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.ValidGuest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README.txt for guests unlike the seed's (the seed's own is a golden file): the steps follow the
 * declaration, in the procedure's order, and every shell value is quoted.
 */
class ReadmeTest {

    @Test
    void theSeedGuestsStepsComeInTheProceduresOrderWithTheirSide() throws Exception {
        String readme = readme(SeedGuest.valid());
        List<String> steps = List.of("[guest] Place the driver RPM", "sh install-guest.sh --offline",
                "rpm -q kmod-xenpv ||\n        rpm -ivh kmod-xenpv*.rpm", "depmod -a", "insmod xen-platform-pci.o",
                "insmod xen-balloon.o", "insmod xen-vbd.o", "insmod xen-vnif.o", "etc/rc.modules >> /etc/rc.modules",
                "cp sbin/xenpv-mknod /sbin/xenpv-mknod", "kernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/ noapic",
                "[guest] Shut the guest down", "shutdown -h now", "[dom0] Install the domain config /etc/xen/rhel3_64_fv",
                "sh dom0/install-dom0.sh", "cp dom0/etc/xen/rhel3_64_fv /etc/xen/rhel3_64_fv", "[dom0] Start the guest",
                "virsh start rhel3_64_fv", "[guest] Finish and check", "sh install-guest.sh\n", "mkfs -t ext3 /dev/xvdb1",
                "/sbin/xenpv-mknod\n", "mount /dev/xvdb1 /mnt/pvdisk_p1", "etc/fstab >> /etc/fstab", "cat /proc/partitions",
                "202     0  xvda    (/dev/xvdb)", "202     1  xvda1   (/dev/xvdb1)", "202     2  xvda2   (/dev/xvdb2)",
                "df /mnt/pvdisk_p1 /mnt/pvdisk_p2", "/usr/local/sbin/xenpv-verify", "(xen-platform-pci, xen-vbd, xen-vnif)",
                "Applying it to an image instead", "install-guest.sh --root /mnt/guest --offline", "runs depmod -A at boot",
                "must\n   already hold its file system", "At boot", "depmod -A, then /etc/rc.modules, then",
                "After a kernel update", "Keep kmod-xenpv installed", "The NICs", "Xen 3.0.4", "Realtek RTL8139",
                "<type>netfront</type>", "MODVERSIONS", "PV disks cannot boot", "RHEL 5.1-or-older dom0 needs noapic", "no ia64");
        int from = 0;
        for (String step : steps) {
            int at = readme.indexOf(step, from);
            assertTrue(at >= 0, "'" + step + "' missing or out of order after offset " + from);
            from = at + step.length();
        }
    }

    @Test
    void aGuestOnANewerDom0WithRcLocalSwapAndTwoNicsGetsItsOwnSteps() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setName("db-01");
        declaration.setDriverRpm("kmod-xenpv-smp*.rpm");
        declaration.setKernelVariant("smp");
        declaration.setNoapic("false");
        declaration.setDom0Release("5.2");
        declaration.setModuleLoading("rc.local");
        declaration.getNetworks().add(new Network());
        Disk disk = declaration.getDisks().get(0);
        List<Partition> partitions = new ArrayList<>();
        for (Partition partition : disk.getPartitions()) {
            partition.setOptions("defaults,noauto");
            partition.setPass("0");
            partitions.add(partition);
        }
        Partition swap = SeedGuest.partition("3", "swap");
        swap.setOptions("defaults,noauto");
        partitions.add(swap);
        disk.setPartitions(partitions);
        String readme = readme(SeedGuest.validOnly(declaration));

        assertTrue(readme.contains("rpm -ivh kmod-xenpv-smp*.rpm"), "the RPM glob stays a glob");
        assertTrue(readme.contains("rpm -q kmod-xenpv ||\n    rpm -q kmod-xenpv-smp ||\n        rpm -ivh"), readme);
        assertFalse(readme.contains("cp -R"), "the guest runs the driver's kernel: nothing to copy");
        assertTrue(readme.contains("alias\" line for eth0 eth1"), readme);
        assertTrue(readme.contains("swapon /dev/xvdb3"), readme);
        assertTrue(readme.contains("202     3  xvda3   (/dev/xvdb3)"), readme);
        assertTrue(readme.contains("/etc/rc.local loads xen-platform-pci, xen-vbd, xen-vnif, creates"), readme);
        assertTrue(readme.contains("eth1: vif \"mac="), readme);
        assertFalse(readme.contains("rc.modules"), "no rc.modules for rc.local loading:\n" + readme);
        assertTrue(readme.contains("grub.conf keeps its kernel line: noapic is off for this guest."), readme);
        assertTrue(readme.contains("This guest's dom0 runs RHEL 5.2; this bundle leaves out noapic."), readme);
        assertTrue(readme.contains("virsh start db-01"), readme);
    }

    @Test
    void aGuestOnAnErrataKernelCopiesTheDriverTreeAndANetfrontNicIsPvOnly() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setKernel("2.4.21-57.EL");
        declaration.getNetworks().get(0).setType("netfront");
        String readme = readme(SeedGuest.validOnly(declaration));
        assertTrue(readme.contains("kmod-xenpv release 0.1-5.el, built for kernel 2.4.21-52.EL\n"
                + "                 the RPM installs it in /lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el\n"
                + "                 copied for kernel 2.4.21-57.EL to /lib/modules/2.4.21-57.EL/extra/xenpv/0.1-5.el\n"), readme);
        assertTrue(readme.contains("kmod-xenpv RPM built for x86_64 and kernel 2.4.21-52.EL beside"), readme);
        assertTrue(readme.contains("    mkdir -p /lib/modules/2.4.21-57.EL/extra/xenpv\n"
                + "    cp -R /lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el /lib/modules/2.4.21-57.EL/extra/xenpv/\n"
                + "    depmod -a\n    cd /lib/modules/2.4.21-57.EL/extra/xenpv/0.1-5.el\n"), readme);
        assertTrue(readme.contains("eth0: vif \"mac=00:16:3e:5d:c7:9e,bridge=xenbr0,type=netfront\" gives the guest the PV NIC only"),
                readme);
        assertFalse(readme.contains("Realtek"), readme);
    }

    @Test
    void numbersAreWrittenAsComputersReadThemNotGroupedForPeople() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setMemory("1024");
        declaration.setVcpus("2");
        String readme = readme(SeedGuest.validOnly(declaration));
        assertTrue(readme.contains("rhel3_64_fv: x86_64, kernel 2.4.21-52.EL, 1024 MiB, 2 vcpus\n"), readme);
    }

    @Test
    void everyLineIsAsciiEndingInLf() throws Exception {
        String readme = readme(SeedGuest.valid());
        assertFalse(readme.contains("\r"));
        assertTrue(readme.endsWith("\n"));
        assertEquals(readme.length(), readme.codePoints().filter(c -> c < 0x80).count(), "ASCII only");
    }

    private static String readme(ValidGuest guest) throws Exception {
        return new GuestRenderer(new TemplateEngine(null)).render(guest).stream()
                .filter(file -> file.path().equals("README.txt")).findFirst().orElseThrow().text();
    }
}
