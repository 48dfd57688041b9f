package io.github.xenpv.fleet;

import io.github.xenpv.model.Guest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one xm config became: the guest declaration (empty when the config failed to import),
 * notes for the elements left empty for a person to fill in (by element path inside the guest,
 * e.g. {@code arch} or {@code disks/disk[2]/source}), and the report lines, in the order the
 * config and the guest root gave them.
 *
 * @param file      the config file as named on the command line or found in a folder
 * @param name      the guest's name, when the config has a literal one
 * @param nameAt    where the name is set, {@code <file>:<line>}
 * @param root      the guest root read for it, when there was one
 * @param guest     the declaration, or empty when the config failed
 * @param fillIns   what goes into each element left empty, by element path inside the guest
 * @param explained element paths inside the guest whose validation errors a report line already explains
 * @param lines     the report lines, in order
 */
public record ImportedConfig(String file, Optional<String> name, String nameAt, Optional<String> root,
        Optional<Guest> guest, Map<String, String> fillIns, Set<String> explained, List<ReportLine> lines) {

    /**
     * What a config became.
     *
     * @param file      the config file
     * @param name      the guest's name, when the config has a literal one
     * @param nameAt    where the name is set
     * @param root      the guest root read for it
     * @param guest     the declaration, or empty when the config failed
     * @param fillIns   what goes into each element left empty
     * @param explained element paths whose validation errors a report line already explains
     * @param lines     the report lines, in order
     */
    public ImportedConfig {
        fillIns = Map.copyOf(fillIns);
        explained = Set.copyOf(explained);
        lines = List.copyOf(lines);
    }

    /**
     * A config the import could not read at all: no name, no guest root, no declaration.
     *
     * @param file   the config file, also where the missing name would be
     * @param reason the one report line, saying why
     * @return the failed config
     */
    static ImportedConfig unread(String file, ReportLine reason) {
        return new ImportedConfig(file, Optional.empty(), file, Optional.empty(), Optional.empty(), Map.of(), Set.of(),
                List.of(reason));
    }

    /**
     * Whether the config failed to import.
     *
     * @return whether there is no declaration
     */
    public boolean failed() {
        return guest.isEmpty();
    }

    /** The same config with more report lines (validation's, found across the fleet). */
    ImportedConfig with(List<ReportLine> more) {
        List<ReportLine> all = new ArrayList<>(lines);
        all.addAll(more);
        return new ImportedConfig(file, name, nameAt, root, guest, fillIns, explained, all);
    }

    /** The same config, failed for a reason found across the fleet (two configs with one name). */
    ImportedConfig failedWith(ReportLine reason) {
        List<ReportLine> all = new ArrayList<>(lines);
        all.add(reason);
        return new ImportedConfig(file, name, nameAt, root, Optional.empty(), fillIns, explained, all);
    }
}
