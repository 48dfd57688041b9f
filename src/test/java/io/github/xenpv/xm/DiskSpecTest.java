package io.github.xenpv.xm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Disk entries as xm and xend of Xen 3.1 (RHEL 5's dom0) read them. */
class DiskSpecTest {

    @Test
    void typesOfSource() {
        assertEquals(new DiskSpec("phy", "/dev/VolGroup00/web", "hda", false, false, "w", Optional.empty()),
                DiskSpec.parse("phy:/dev/VolGroup00/web,hda,w"));
        assertEquals(new DiskSpec("phy", "/dev/VolGroup00/data", "hdb", false, false, "w", Optional.empty()),
                DiskSpec.parse("phy:VolGroup00/data,hdb,w"));
        assertEquals(new DiskSpec("file", "/var/lib/xen/images/web.img", "hda", false, false, "w", Optional.empty()),
                DiskSpec.parse("file:/var/lib/xen/images/web.img,hda,w"));
        assertEquals(new DiskSpec("tap:aio", "/srv/data.img", "xvda", false, false, "w", Optional.empty()),
                DiskSpec.parse("tap:aio:/srv/data.img,xvda,w"));
        assertEquals(new DiskSpec("tap:qcow", "/srv/data.qcow", "hdb", false, false, "r", Optional.empty()),
                DiskSpec.parse("tap:qcow:/srv/data.qcow,hdb,r"));
        assertEquals(new DiskSpec("tap:aio", "/srv/x.img", "hdb", false, false, "w", Optional.empty()),
                DiskSpec.parse("tap:tapdisk:aio:/srv/x.img,hdb,w"));
        assertEquals(new DiskSpec("drbd", "web", "hdb", false, false, "w", Optional.empty()),
                DiskSpec.parse("drbd:web,hdb,w"));
    }

    @Test
    void deviceForms() {
        assertEquals(new DiskSpec("file", "/srv/a.img", "hda", true, false, "w", Optional.empty()),
                DiskSpec.parse("file:/srv/a.img,ioemu:hda,w"));
        assertEquals(new DiskSpec("file", "/srv/rhel3.iso", "hdc", false, true, "r", Optional.empty()),
                DiskSpec.parse("file:/srv/rhel3.iso,hdc:cdrom,r"));
        assertEquals(new DiskSpec("", "", "hdc", false, true, "r", Optional.empty()), DiskSpec.parse(",hdc:cdrom,r"));
        assertEquals(new DiskSpec("phy", "/dev/cdrom", "hdc", true, true, "r", Optional.empty()),
                DiskSpec.parse("phy:/dev/cdrom,ioemu:hdc:cdrom,r"));
        assertEquals(new DiskSpec("phy", "/dev/sdb", "hdb", false, false, "w", Optional.empty()),
                DiskSpec.parse("phy:sdb,hdb:disk,w"));
    }

    @Test
    void modesAndBackend() {
        for (String mode : List.of("r", "w", "w!")) {
            assertEquals(mode, DiskSpec.parse("phy:/dev/x,hdb," + mode).mode());
        }
        assertEquals(Optional.of("0"), DiskSpec.parse("phy:/dev/x,hdb,w,0").backend());
    }

    @Test
    void whatXendRefusesIsSaidWhy() {
        assertRefused("phy:/dev/x,hdb", "has 2 comma-separated fields; xm takes SOURCE,VDEV,MODE[,BACKEND]");
        assertRefused("phy:/dev/x,hdb,w,0,1", "has 5 comma-separated fields; xm takes SOURCE,VDEV,MODE[,BACKEND]");
        assertRefused("phy:/dev/x,hdb,rw", "'rw' is not a mode xend takes: r, w or w!");
        assertRefused(",hdb,w", "has no source; only a CD-ROM drive (VDEV:cdrom) may be empty");
        assertRefused("/srv/a.img,hda,w", "'/srv/a.img' has no type: xend takes type:path, e.g. "
                + "phy:/dev/VolGroup00/web or file:/var/lib/xen/images/web.img");
        assertRefused("tap:/srv/a.img,hda,w", "'tap:/srv/a.img' names no blktap driver: tap:aio:PATH, tap:qcow:PATH, ...");
        assertRefused("phy:/dev/x,,w", "names no guest device (VDEV, the second field)");
        assertRefused("phy:/dev/x,hdb:floppy,w", "'hdb:floppy': the device type after ':' is cdrom or disk");
        // a ':' first in each field: an empty type, driver or device is none
        assertRefused(":/srv/a.img,hda,w", "':/srv/a.img' has no type: xend takes type:path, e.g. "
                + "phy:/dev/VolGroup00/web or file:/var/lib/xen/images/web.img");
        assertRefused("tap::/srv/a.img,hda,w", "'tap::/srv/a.img' names no blktap driver: tap:aio:PATH, tap:qcow:PATH, ...");
        assertRefused("phy:/dev/cdrom,:cdrom,r", "names no guest device (VDEV, the second field)");
    }

    private static void assertRefused(String spec, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> DiskSpec.parse(spec)).getMessage());
    }
}
