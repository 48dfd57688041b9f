package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules between guests hold across the modules of a build (SPEC §17): one guest name, MAC,
 * UUID or written disk source in web-tier and db-tier made a release with two {@code /etc/xen/web01}
 * and one MAC while both modules said "all valid" (issue 21, point 1). A clash is reported at this
 * module's element and names the other module's.
 */
class AcrossModulesTest {

    private static Guest guest(String name, String mac, String bootSource) {
        Guest guest = SeedGuest.declaration();
        guest.setName(name);
        guest.getNetworks().get(0).setMac(mac);
        guest.getBootDisk().setSource(bootSource);
        guest.setDisks(List.of());
        return guest;
    }

    private static List<String> errors(List<Guest> own, ModuleGuests... others) {
        return GuestValidator.validate(own, List.of(others)).errors().stream().map(Problem::toString).toList();
    }

    @Test
    void aNameMacAndWrittenImageOfAnotherModuleAreEachReportedNamingIt() {
        ModuleGuests webTier = new ModuleGuests("web-tier", List.of(
                guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/web01.img")));
        assertEquals(List.of(
                "guests/guest[web01]/name: 'web01' is also at guests/guest[web01]/name in module web-tier: another guest "
                        + "has the same name; it names the file /etc/xen/<name>",
                "guests/guest[web01]/networks/network[1]/mac: '00:16:3e:00:01:01' is also at "
                        + "guests/guest[web01]/networks/network[1]/mac in module web-tier: the MAC is already used; two "
                        + "NICs on one bridge must not share it",
                "guests/guest[web01]/bootDisk/source: '/var/lib/xen/images/web01.img' is also used by "
                        + "guests/guest[web01]/bootDisk/source in module web-tier: two guests writing one image or device "
                        + "corrupt its file systems; only read-only (access r) sharing is allowed"),
                errors(List.of(guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/web01.img")), webTier));
    }

    @Test
    void aDeclaredUuidOfAnotherModuleIsReported() {
        Guest other = guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/web01.img");
        other.setUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Guest own = guest("db01", "00:16:3e:00:02:01", "/var/lib/xen/images/db01.img");
        own.setUuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8");
        assertEquals(List.of("guests/guest[db01]/uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' is also at "
                + "guests/guest[web01]/uuid in module web-tier: xm refuses to start a second domain with the same UUID"),
                errors(List.of(own), new ModuleGuests("web-tier", List.of(other))));
    }

    @Test
    void distinctGuestsAndReadOnlySharingPass() {
        Guest other = guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/web01.img");
        Disk shared = SeedGuest.declaration().getDisks().get(0);
        shared.setAccess("r");
        other.setDisks(List.of(shared));
        Guest own = guest("db01", "00:16:3e:00:02:01", "/var/lib/xen/images/db01.img");
        Disk sharedToo = SeedGuest.declaration().getDisks().get(0);
        sharedToo.setAccess("r");
        own.setDisks(List.of(sharedToo));
        assertEquals(List.of(), errors(List.of(own), new ModuleGuests("web-tier", List.of(other))));
    }

    @Test
    void anotherModulesOwnMistakesAndClashesAreItsOwnToReport() {
        Guest broken = guest("web01", "00:16:3e:00:01:01", "relative/path.img");
        broken.setMemory("lots");
        ModuleGuests webTier = new ModuleGuests("web-tier", List.of(broken,
                guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/web01.img")));
        assertEquals(List.of(), errors(List.of(guest("db01", "00:16:3e:00:02:01", "/var/lib/xen/images/db01.img")),
                webTier));
    }

    @Test
    void withinTheModuleTheMessageIsAsBefore() {
        assertEquals(List.of("guests/guest[web01]/name: 'web01' is also at guests/guest[web01]/name: another guest has the "
                + "same name; it names the file /etc/xen/<name>"),
                errors(List.of(guest("web01", "00:16:3e:00:01:01", "/var/lib/xen/images/a.img"),
                        guest("web01", "00:16:3e:00:01:02", "/var/lib/xen/images/b.img"))));
    }
}
