package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.ValidGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <type>netfront</type>} on a network: the xm config's vif says {@code type=netfront}, which
 * Xen's own parser reads, and nothing on the guest side changes (the NIC is xen-vnif either way).
 */
class VifTypeTest {

    @TempDir
    Path work;

    @Test
    void netfrontChangesTheVifOnlyAndLibxlutilReadsIt() throws Exception {
        Guest netfront = SeedGuest.declaration();
        netfront.getNetworks().get(0).setType("netfront");
        Network second = new Network();
        second.setMac("00:16:3e:00:00:02");
        second.setBridge("xenbr1");
        netfront.getNetworks().add(second);
        Guest typeless = SeedGuest.declaration();
        typeless.getNetworks().add(second);

        Map<String, String> withType = generate(SeedGuest.validOnly(netfront), "netfront");
        Map<String, String> without = generate(SeedGuest.validOnly(typeless), "typeless");
        Map<String, String> guestSide = new TreeMap<>(withType);
        guestSide.keySet().removeIf(path -> !path.startsWith("guest/"));
        Map<String, String> guestSideWithout = new TreeMap<>(without);
        guestSideWithout.keySet().removeIf(path -> !path.startsWith("guest/"));
        assertEquals(guestSideWithout, guestSide, "modules.conf and every other guest file stay the same");

        Checkers.XmConfig xm = Checkers.xmConfig(work.resolve("netfront/rhel3_64_fv/dom0/etc/xen/rhel3_64_fv"));
        assertEquals(List.of("mac=00:16:3e:5d:c7:9e,bridge=xenbr0,type=netfront", "mac=00:16:3e:00:00:02,bridge=xenbr1"),
                xm.vif());
        assertEquals(List.of("alias eth0 xen_vnif", "alias eth1 xen_vnif"),
                Checkers.modulesConf(work.resolve("netfront/rhel3_64_fv/guest/etc/modules.conf")));
    }

    private Map<String, String> generate(ValidGuest guest, String folder) throws Exception {
        Path out = work.resolve(folder);
        new BundleGenerator(out, null).generate(List.of(guest));
        Path bundle = out.resolve(guest.name());
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(bundle)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(bundle.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }
}
