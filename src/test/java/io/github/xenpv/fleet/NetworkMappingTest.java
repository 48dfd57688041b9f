package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ImportFixture.noLine;
import static io.github.xenpv.fleet.ReportLine.Kind.CHANGED;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.DROPPED;
import static io.github.xenpv.fleet.ReportLine.Kind.FAILED;
import static io.github.xenpv.fleet.ReportLine.Kind.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.model.Guest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The xm vif list into networks: MAC and bridge kept, the emulated NIC's settings dropped, the rest reported. */
class NetworkMappingTest extends ImportTestCase {

    private ImportedConfig vifs(String vif) throws Exception {
        return fixture.one("web", "name = 'web'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/web,hda,w' ]\n" + vif);
    }

    private static List<String> networks(ImportedConfig config) {
        Guest guest = config.guest().orElseThrow(() -> new AssertionError(ImportFixture.lines(config)));
        return guest.getNetworks().stream().map(network -> network.getMac() + " " + network.getBridge()).toList();
    }

    @Test
    void macAndBridgeAreKeptAndTheEmulatedNicsSettingsDropped() throws Exception {
        ImportedConfig config = vifs("""
                vif = [ "mac=00:16:3E:4A:1B:2C, bridge=xenbr0, script=vif-bridge, type=ioemu, model=rtl8139",
                        "type=ioemu,mac=00:16:3e:4a:1b:2d,bridge=xenbr1" ]
                """);
        assertEquals(List.of("00:16:3E:4A:1B:2C null", "00:16:3e:4a:1b:2d xenbr1"), networks(config));
        line(config, "vif[1]", KEPT, "mac=00:16:3E:4A:1B:2C in networks/network[1]/mac");
        line(config, "vif[1]", KEPT, "bridge=xenbr0, the plugin's default");
        line(config, "vif[2]", KEPT, "bridge=xenbr1 in networks/network[2]/bridge");
        line(config, "vif[1]", DROPPED, "type=ioemu: an emulated NIC only");
        line(config, "vif[2]", DROPPED, "type=ioemu");
        line(config, "vif[1]", DROPPED, "model=rtl8139: the emulated NIC's model");
        line(config, "vif[1]", DROPPED, "script=vif-bridge: the plugin writes no script");
        assertTrue(line(config, "vif[2]", KEPT, "mac=").where().endsWith("/etc/xen/web:5"));
    }

    @Test
    void scriptVifnameIpAndRateAreReported() throws Exception {
        ImportedConfig config = vifs("vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0,script=vif-route,vifname=web0,"
                + "ip=10.0.0.5,rate=10Mb/s,backend=1,type=netfront' ]\n");
        line(config, "vif[1]", CHECK, "script=vif-route is dropped", "vif-bridge on RHEL 5");
        line(config, "vif[1]", DROPPED, "vifname=web0: dom0 names the backend interface vif<domid>.<n>");
        line(config, "vif[1]", DROPPED, "ip=10.0.0.5");
        line(config, "vif[1]", DROPPED, "rate=10Mb/s: the PV NIC has no rate limit");
        line(config, "vif[1]", DROPPED, "backend=1");
        assertEquals("netfront", config.guest().orElseThrow().getNetworks().get(0).getType());
        line(config, "vif[1]", KEPT, "type=netfront in networks/network[1]/type");
    }

    /** On RHEL 5 the plugin writes type=netfront of itself: the config's is the default, nothing to declare. */
    @Test
    void aRhel5GuestsNetfrontIsThePluginsDefault() throws Exception {
        FleetValues rhel5 = new FleetValues(Optional.of("x86_64"), Optional.of("2.6.18-92.1.10.el5"), Optional.empty(),
                Optional.of("0.1-9.el5"), Optional.empty());
        ImportedConfig config = fixture.one("web", "name = 'web'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/web,hda,w' ]\n"
                + "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0,type=netfront' ]\n", rhel5);
        assertNull(config.guest().orElseThrow().getNetworks().get(0).getType());
        line(config, "vif[1]", KEPT, "type=netfront, the plugin's default for a RHEL 5 guest");
        noLine(config, "vif[1]", CHANGED);
    }

    @Test
    void aTypeOtherThanNetfrontIsDropped() throws Exception {
        ImportedConfig config = vifs("vif = [ 'mac=00:16:3e:00:00:01,type=ioemu', 'mac=00:16:3e:00:00:02,type=vif' ]\n");
        assertEquals(List.of("00:16:3e:00:00:01 null", "00:16:3e:00:00:02 null"), networks(config));
        assertEquals(null, config.guest().orElseThrow().getNetworks().get(0).getType());
        line(config, "vif[1]", DROPPED, "type=ioemu: an emulated NIC only",
                "the plugin's vif has no type, as the guide's");
        line(config, "vif[2]", DROPPED, "type=vif: not a type the plugin writes");
    }

    @Test
    void aNicWithoutMacOrBridgeGetsThePluginsAndSaysSo() throws Exception {
        ImportedConfig config = vifs("vif = [ '' ]\n");
        assertEquals(List.of("null null"), networks(config));
        line(config, "vif[1]", CHANGED, "no mac: xend picks a random one", "derives a fixed one");
        line(config, "vif[1]", CHANGED, "no bridge", "bridge=xenbr0");
    }

    @Test
    void aMacThePluginDerivesIsLeftOutAsTheDefault() throws Exception {
        String derived = io.github.xenpv.model.ValidNetwork.derivedMac("web", 1);
        ImportedConfig config = vifs("vif = [ 'mac=" + derived + "', 'mac=" + derived + "' ]\n");
        assertEquals(List.of(derived + " null", "null null"), networks(config));
        line(config, "vif[2]", KEPT, "the MAC the plugin derives from the name and index");
    }

    @Test
    void noVifIsNoNic() throws Exception {
        ImportedConfig config = vifs("");
        assertEquals(List.of(), networks(config));
        line(config, "vif", KEPT, "not set: the guest has no NIC", "<networks/>");
    }

    @Test
    void aKeyGivenTwiceCountsOnceAsInXm() throws Exception {
        ImportedConfig config = vifs("vif = [ 'mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02' ]\n");
        assertEquals(List.of("00:16:3e:00:00:02 null"), networks(config));
        line(config, "vif[1]", DROPPED, "mac=00:16:3e:00:00:01: mac is given again");
    }

    @Test
    void entriesXmRefusesFailTheConfig() throws Exception {
        line(vifs("vif = [ 'mac=00:16:3e:00:00:01,bridge' ]\n"), "vif[1]", FAILED, "'bridge' is not key=value; xm refuses it");
        line(vifs("vif = 'mac=00:16:3e:00:00:01'\n"), "vif", FAILED, "is not a list of strings");
        line(vifs("vif = [ 'mac=%s' % mac ]\n"), "vif", FAILED, "(code, not a literal)");
        ImportedConfig number = vifs("vif = [ 'mac=00:16:3e:00:00:01', 3 ]\n");
        assertTrue(number.failed());
        line(number, "vif[2]", FAILED, "the number 3 is not a string");
    }
}
