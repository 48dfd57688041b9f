package io.github.xenpv.xm;

import java.util.Optional;

/**
 * One entry of an xm {@code disk} list, {@code SOURCE,VDEV,MODE[,BACKEND]}, read as Xen 3.1's xm
 * and xend read it (RHEL 5's dom0):
 * <ul>
 * <li>3 or 4 comma-separated fields ({@code preprocess_disk} in {@code tools/python/xen/xm/create.py});
 * <li>SOURCE is {@code type:params}; {@code phy:} with a relative name means {@code /dev/<name>}
 *     ({@code _parse_uname} in {@code tools/python/xen/util/blkif.py}, {@code expand_dev} in
 *     {@code tools/examples/block}); {@code tap:} names its driver next ({@code tap:aio:},
 *     {@code tap:qcow:}); an empty SOURCE is an empty CD-ROM drive ({@code ",hdc:cdrom,r"});
 * <li>VDEV may carry the old {@code ioemu:} prefix and a {@code :cdrom} or {@code :disk} suffix
 *     ({@code getDeviceDetails} in {@code tools/python/xen/xend/server/blkif.py}; libvirt's
 *     {@code xenParseXMDisk} reads them the same way);
 * <li>MODE is {@code r}, {@code w} or {@code w!} (xend refuses anything else).
 * </ul>
 *
 * @param type     {@code phy}, {@code file}, {@code tap:aio}, {@code tap:qcow}, ... ; empty for no source
 * @param path     the dom0 path ({@code /dev/...} for {@code phy:}), or the params of another type
 * @param device   the guest's device name without prefix or suffix, e.g. {@code hda}, {@code xvdb}
 * @param ioemu    whether VDEV had the old {@code ioemu:} prefix
 * @param cdrom    whether VDEV had the {@code :cdrom} suffix
 * @param mode     {@code r}, {@code w} or {@code w!}
 * @param backend  the fourth field, the backend domain, when given
 */
public record DiskSpec(String type, String path, String device, boolean ioemu, boolean cdrom, String mode,
        Optional<String> backend) {

    /**
     * Reads one entry.
     *
     * @param spec the entry, such as {@code phy:/dev/VolGroup00/web,hda,w}
     * @return its parts
     * @throws IllegalArgumentException saying what xm or xend would refuse
     */
    public static DiskSpec parse(String spec) {
        String[] fields = spec.split(",", -1);
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("has " + fields.length + " comma-separated fields; xm takes "
                    + "SOURCE,VDEV,MODE[,BACKEND]");
        }
        String device = fields[1];
        boolean ioemu = device.startsWith("ioemu:");
        if (ioemu) {
            device = device.substring("ioemu:".length());
        }
        boolean cdrom = false;
        int colon = device.indexOf(':');
        if (colon >= 0) {
            String deviceType = device.substring(colon + 1);
            if (!deviceType.equals("cdrom") && !deviceType.equals("disk")) {
                throw new IllegalArgumentException("'" + fields[1] + "': the device type after ':' is cdrom or disk");
            }
            cdrom = deviceType.equals("cdrom");
            device = device.substring(0, colon);
        }
        if (device.isEmpty()) {
            throw new IllegalArgumentException("names no guest device (VDEV, the second field)");
        }
        String mode = fields[2];
        if (!mode.equals("r") && !mode.equals("w") && !mode.equals("w!")) {
            throw new IllegalArgumentException("'" + mode + "' is not a mode xend takes: r, w or w!");
        }
        Optional<String> backend = fields.length == 4 ? Optional.of(fields[3]) : Optional.empty();
        String source = fields[0];
        if (source.isEmpty()) {
            if (!cdrom) {
                throw new IllegalArgumentException("has no source; only a CD-ROM drive (VDEV:cdrom) may be empty");
            }
            return new DiskSpec("", "", device, ioemu, true, mode, backend);
        }
        int typeEnd = source.indexOf(':');
        if (typeEnd <= 0) {
            throw new IllegalArgumentException("'" + source + "' has no type: xend takes type:path, e.g. "
                    + "phy:/dev/VolGroup00/web or file:/var/lib/xen/images/web.img");
        }
        String type = source.substring(0, typeEnd);
        String path = source.substring(typeEnd + 1);
        if (type.equals("tap") || type.equals("tap2")) {
            if (path.startsWith("tapdisk:") || path.startsWith("ioemu:")) {
                path = path.substring(path.indexOf(':') + 1);
            }
            int driverEnd = path.indexOf(':');
            if (driverEnd <= 0) {
                throw new IllegalArgumentException("'" + source + "' names no blktap driver: tap:aio:PATH, tap:qcow:PATH, ...");
            }
            type = type + ":" + path.substring(0, driverEnd);
            path = path.substring(driverEnd + 1);
        } else if (type.equals("phy") && !path.startsWith("/")) {
            path = "/dev/" + path;
        }
        return new DiskSpec(type, path, device, ioemu, cdrom, mode, backend);
    }
}
