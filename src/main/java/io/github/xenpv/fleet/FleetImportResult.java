package io.github.xenpv.fleet;

import io.github.xenpv.model.Guest;
import java.util.List;

/** Every config's import, the files of folders that were not configs, and the fleet-wide values used. */
public record FleetImportResult(List<ImportedConfig> configs, List<ReportLine> skipped, FleetValues fleet) {

    public FleetImportResult {
        configs = List.copyOf(configs);
        skipped = List.copyOf(skipped);
    }

    /** The declarations of the configs that imported, in config order. */
    public List<Guest> guests() {
        return configs.stream().filter(config -> !config.failed()).map(config -> config.guest().get()).toList();
    }

    public List<ImportedConfig> imported() {
        return configs.stream().filter(config -> !config.failed()).toList();
    }

    public List<ImportedConfig> failed() {
        return configs.stream().filter(ImportedConfig::failed).toList();
    }
}
