package io.github.xenpv.guestroot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's blkid cache ({@code /etc/blkid.tab} on RHEL 3, e2fsprogs 1.32): which device held
 * which file-system label and UUID when the guest last looked, one
 * {@code <device DEVNO="0x0341" LABEL="/data" UUID="..." TYPE="ext3">/dev/hdb1</device>} per line.
 * It is how an fstab {@code LABEL=} or {@code UUID=} line can be tied to a disk without opening
 * the disk.
 */
public final class BlkidCache {

    private static final Pattern DEVICE = Pattern.compile("\\s*<device\\s([^>]*)>([^<]+)</device>\\s*");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z_]+)=\"([^\"]*)\"");

    private final Map<String, Tied> byTag = new LinkedHashMap<>();

    /**
     * A device the cache names, and the line that names it.
     *
     * @param device the device, such as {@code /dev/hdb1}
     * @param where  the cache line, {@code <file>:<line>}
     */
    public record Tied(String device, String where) {
    }

    private BlkidCache() {
    }

    /**
     * The cache of a guest that has none: it ties nothing.
     *
     * @return an empty cache
     */
    public static BlkidCache empty() {
        return new BlkidCache();
    }

    /**
     * Reads a guest's cache; lines that are not {@code <device ...>} entries are passed over.
     *
     * @param file {@code /etc/blkid.tab}
     * @return what it ties
     */
    public static BlkidCache parse(GuestFile file) {
        BlkidCache cache = new BlkidCache();
        for (int i = 0; i < file.lines().size(); i++) {
            Matcher device = DEVICE.matcher(file.lines().get(i));
            if (!device.matches()) {
                continue;
            }
            Matcher attribute = ATTRIBUTE.matcher(device.group(1));
            while (attribute.find()) {
                if (attribute.group(1).equals("LABEL") || attribute.group(1).equals("UUID")) {
                    // a later line is a later sighting: it wins, as in blkid's own cache
                    cache.byTag.put(attribute.group(1) + "=" + attribute.group(2),
                            new Tied(device.group(2).strip(), file.at(i + 1)));
                }
            }
        }
        return cache;
    }

    /**
     * The device of an fstab {@code LABEL=...} or {@code UUID=...} field.
     *
     * @param tag the fstab field, such as {@code LABEL=/data}
     * @return the device and the cache line naming it, or empty when the cache does not have it
     */
    public Optional<Tied> device(String tag) {
        return Optional.ofNullable(byTag.get(tag));
    }
}
