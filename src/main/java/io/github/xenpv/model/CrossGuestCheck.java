package io.github.xenpv.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules between guests: names, MACs and UUIDs unique, and no disk source written by one guest
 * used by another, within a module and across the modules of a build (a release carries every
 * module's bundles). Each guest is added with whatever part of it checked out, so a guest with
 * another mistake still gets its clashes reported in the same run.
 */
final class CrossGuestCheck {

    private final Problems problems;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> macs = new HashMap<>();
    private final Map<String, UuidUse> uuids = new HashMap<>();
    private final Map<String, SourceUse> sources = new HashMap<>();

    /** Which guest has a UUID, and whether the plugin derived it from the guest's name. */
    private record UuidUse(String element, boolean derived) {
    }

    /** Where a guest uses a disk source, and whether it writes to it. */
    private record SourceUse(String element, boolean writable) {
    }

    CrossGuestCheck(Problems problems) {
        this.problems = problems;
    }

    /** Checks the guest at {@code path} against the guests added before it. */
    void add(String path, GuestCheck guest) {
        add(path, "", guest, problems);
    }

    /**
     * Adds a guest of another module of the build, which this module's guests must not clash
     * with; that module reports its own problems, so nothing is reported here.
     *
     * @param module the other module, as its clashes name it
     */
    void addOther(String module, String path, GuestCheck guest) {
        add(path, " in module " + module, guest, new Problems());
    }

    private void add(String path, String where, GuestCheck guest, Problems report) {
        if (guest.name() != null) {
            report.unique(names, guest.name(), path + "/name", where,
                    "another guest has the same name; it names the file /etc/xen/<name>");
        }
        for (ValidNetwork network : guest.networks()) {
            String networkPath = path + "/networks/network[" + (network.index() + 1) + "]/mac";
            report.unique(macs, network.mac(), networkPath, where, network.macDerived()
                    ? "the derived MAC is already used; declare <mac> for this network"
                    : "the MAC is already used; two NICs on one bridge must not share it");
        }
        if (guest.uuid() != null) {
            uuid(path + "/uuid" + where, guest.uuid(), guest.uuidDerived(), report);
        }
        sources(path, where, guest, report);
    }

    /**
     * UUIDs are unique, declared or derived. Two derived ones are equal only for equal names,
     * which the name rule already reports.
     */
    private void uuid(String element, String uuid, boolean derived, Problems report) {
        UuidUse first = uuids.putIfAbsent(uuid, new UuidUse(element, derived));
        if (first == null || derived && first.derived()) {
            return;
        }
        report.error(element, "'" + uuid + "' is also at " + first.element() + (first.derived() ? " (derived from the name)" : "")
                + ": " + (derived ? "the UUID derived from this guest's name is taken; declare <uuid> for this guest"
                        : "xm refuses to start a second domain with the same UUID"));
    }

    /**
     * Two guests writing one image or device corrupt its file systems: a source this guest writes
     * (the boot disk always, an emulated or PV disk with access w) must not appear in another guest, and a
     * source another guest writes must not appear here. Read-only sharing stays allowed.
     */
    private void sources(String path, String where, GuestCheck guest, Problems report) {
        Map<String, SourceUse> uses = new LinkedHashMap<>();
        if (guest.bootDisk() != null) {
            uses.put(guest.bootDisk().source(), new SourceUse(path + "/bootDisk/source" + where, true));
        }
        for (ValidEmulatedDisk disk : guest.emulatedDisks()) {
            uses.putIfAbsent(disk.source(), new SourceUse(path + "/emulatedDisks/emulatedDisk[" + (disk.index() + 1)
                    + "]/source", disk.access().equals("w")));
        }
        for (ValidDisk disk : guest.disks()) {
            uses.putIfAbsent(disk.source(), new SourceUse(path + "/disks/disk[" + (disk.index() + 1) + "]/source"
                    + where, disk.access().equals("w")));
        }
        uses.forEach((source, use) -> {
            SourceUse other = sources.get(source);
            if (other != null && (use.writable() || other.writable())) {
                report.error(use.element(), "'" + source + "' is also used by " + other.element() + ": two guests "
                        + "writing one image or device corrupt its file systems; only read-only (access r) sharing is "
                        + "allowed");
            }
            if (other == null || use.writable() && !other.writable()) {
                sources.put(source, use);
            }
        });
    }
}
