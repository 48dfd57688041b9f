package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code mvn -X} prints of the bound declarations: the elements the POM gave, one line per guest. */
class DeclarationTextTest {

    @Test
    void theSeedGuestShowsWhatItsPomDeclares() {
        assertEquals("Guest{name=rhel3_64_fv, arch=x86_64, kernel=2.4.21-52.EL, driverRelease=0.1-5.el, "
                + "bootDisk=BootDisk{source=/var/lib/libvirt/images/rhel3_64_fv.dsk}, "
                + "networks=[Network{mac=00:16:3e:5d:c7:9e}], "
                + "disks=[Disk{source=/var/lib/libvirt/images/UserStorage.dsk, device=xvda, node=xvdb, partitions=["
                + "Partition{number=1, mountPoint=/mnt/pvdisk_p1}, Partition{number=2, mountPoint=/mnt/pvdisk_p2}]}]}",
                SeedGuest.declaration().toString());
    }

    @Test
    void everyBeanNamesItsElements() {
        Grub grub = new Grub();
        grub.setTitle("RHEL 3 (PV)");
        grub.setRoot("(hd0,0)");
        grub.setRootDevice("LABEL=/");
        grub.setSeparateBoot("false");
        grub.setKernelArgs("quiet");
        assertEquals("Grub{title=\"RHEL 3 (PV)\", root=(hd0,0), rootDevice=LABEL=/, separateBoot=false, kernelArgs=quiet}",
                grub.toString());
        Partition swap = SeedGuest.partition("3", "swap");
        swap.setFsType("swap");
        swap.setOptions("defaults");
        swap.setDump("0");
        swap.setPass("0");
        assertEquals("Partition{number=3, mountPoint=swap, fsType=swap, options=defaults, dump=0, pass=0}",
                swap.toString());
        Network network = new Network();
        network.setBridge("xenbr1");
        assertEquals("Network{bridge=xenbr1}", network.toString());
        BootDisk bootDisk = new BootDisk();
        bootDisk.setDevice("hdb");
        assertEquals("BootDisk{device=hdb}", bootDisk.toString());
        Disk disk = new Disk();
        disk.setAccess("r");
        assertEquals("Disk{access=r}", disk.toString());
    }

    /** A new element of a declaration bean shows in {@code -X} too: toString names every field, in order. */
    @ParameterizedTest
    @ValueSource(classes = {Guest.class, BootDisk.class, EmulatedDisk.class, Network.class, Disk.class, Partition.class,
        Grub.class})
    void everyFieldOfEveryBeanIsShown(Class<?> bean) throws Exception {
        Object instance = bean.getDeclaredConstructor().newInstance();
        List<String> names = new ArrayList<>();
        for (Field field : bean.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            field.set(instance, field.getType() == String.class ? "v" : field.getType() == List.class ? List.of()
                    : field.getType() == Map.class ? Map.of() : field.getType().getDeclaredConstructor().newInstance());
            names.add(field.getName());
        }
        String text = instance.toString();
        int at = 0;
        for (String name : names) {
            int next = text.indexOf(name + "=", at);
            assertTrue(next > at, bean.getSimpleName() + "'s toString lacks " + name + " (in field order): " + text);
            at = next;
        }
    }

    @Test
    void pastedLineBreaksSpacesAndEmptyValuesAreQuotedSoTheyShow() {
        Guest guest = new Guest();
        guest.setName("web\n");
        guest.setKernel(" 2.4.21-52.EL");
        guest.setUuid("");
        guest.setDriverRpm("a\"b\\c\t\u200b");
        assertEquals("Guest{name=\"web\\n\", kernel=\" 2.4.21-52.EL\", driverRpm=\"a\\\"b\\\\c\\t\\u200b\", uuid=\"\"}",
                guest.toString());
    }

    @Test
    void aValueWithTheDeleteCharacterIsQuotedAndEscaped() {
        // DEL (0x7f) is a control character, not a printable one: fails when it counts as plain (c <= 0x7f)
        Guest guest = new Guest();
        guest.setName("web\u007f");
        assertEquals("Guest{name=\"web\\u007f\"}", guest.toString());
    }

    @Test
    void aValueWithASpaceInsideIsQuoted() {
        // README: a value with a space is quoted, name="a b"; fails when a space counts as plain (c >= ' ')
        Guest guest = new Guest();
        guest.setName("a b");
        guest.setArch("i686");
        assertEquals("Guest{name=\"a b\", arch=i686}", guest.toString());
    }

    @Test
    void listsAndMapsQuoteTheirValuesToo() {
        Guest guest = new Guest();
        guest.setFstabBase(new ArrayList<>(List.of("LABEL=/ / ext3 defaults 1 1", "none /proc proc defaults 0 0")));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("on_crash", "restart");
        extra.put("cpus", "0-1 ");
        guest.setExtraConfig(extra);
        guest.setNetworks(new ArrayList<>());
        assertEquals("Guest{networks=[], fstabBase=[\"LABEL=/ / ext3 defaults 1 1\", \"none /proc proc defaults 0 0\"], "
                + "extraConfig={on_crash=restart, cpus=\"0-1 \"}}", guest.toString());
    }
}
