package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.ValidGuest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the templates lay out beyond the seed's golden files: the other loading mode and merged base lines. */
class GuestRendererTest {

    @Test
    void rcLocalLoadingLoadsCreatesNodesAndMountsFromRcLocalAndDropsRcModules() throws Exception {
        Guest guest = SeedGuest.declaration();
        guest.setModuleLoading("rc.local");
        guest.getDisks().get(0).getPartitions().forEach(partition -> {
            partition.setPass("0");
            partition.setOptions("defaults,noauto");
        });
        Map<String, String> files = render(guest);
        assertTrue(!files.containsKey("guest/etc/rc.modules"), files.keySet()::toString);
        String rcLocal = files.get("guest/etc/rc.d/rc.local");
        assertTrue(rcLocal.contains("for xenpv_module in xen-platform-pci xen-vbd xen-vnif; do\n"), rcLocal);
        assertTrue(rcLocal.contains("        " + ValidGuest.NODE_SCRIPT + "\n"
                + "        grep -q ' '/mnt/pvdisk_p1' ' /proc/mounts || mount /mnt/pvdisk_p1\n"
                + "        grep -q ' '/mnt/pvdisk_p2' ' /proc/mounts || mount /mnt/pvdisk_p2\n"), rcLocal);
        assertTrue(files.get("guest/etc/fstab").contains("/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults,noauto 1 0\n"));
    }

    @Test
    void baseLinesThatAPvEntryReplacesAreCommentedOutNotDropped() throws Exception {
        Guest guest = SeedGuest.declaration();
        guest.setFstabBase(List.of("LABEL=/ / ext3 defaults 1 1", "/dev/hdb1 /mnt/pvdisk_p1 ext3 defaults 1 2",
                "/dev/xvdb2 /data ext3 defaults 1 2"));
        guest.setModulesConfBase(List.of("alias eth0 8139too", "alias eth1 e100", "alias scsi_hostadapter aic7xxx"));
        Map<String, String> files = render(guest);
        assertEquals("LABEL=/ / ext3 defaults 1 1\n"
                + "#xenpv-replaced# /dev/hdb1 /mnt/pvdisk_p1 ext3 defaults 1 2\n"
                + "#xenpv-replaced# /dev/xvdb2 /data ext3 defaults 1 2\n", files.get("guest/etc/fstab").substring(0,
                files.get("guest/etc/fstab").indexOf("# BEGIN")));
        assertTrue(files.get("guest/etc/modules.conf").startsWith("#xenpv-replaced# alias eth0 8139too\n"
                + "alias eth1 e100\nalias scsi_hostadapter aic7xxx\n# BEGIN"), files.get("guest/etc/modules.conf"));
    }

    @Test
    void everyNetworkGetsItsAlias() throws Exception {
        Guest guest = SeedGuest.declaration();
        List<Network> networks = new ArrayList<>(guest.getNetworks());
        networks.add(new Network());
        networks.add(new Network());
        guest.setNetworks(networks);
        assertTrue(render(guest).get("guest/etc/modules.conf")
                .contains("alias eth0 xen-vnif\nalias eth1 xen-vnif\nalias eth2 xen-vnif\n"));
    }

    private static Map<String, String> render(Guest guest) throws Exception {
        return new GuestRenderer(new TemplateEngine(null)).render(SeedGuest.validOnly(guest)).stream()
                .collect(Collectors.toMap(RenderedFile::path, RenderedFile::text));
    }
}
