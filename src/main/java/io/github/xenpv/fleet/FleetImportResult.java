package io.github.xenpv.fleet;

import java.util.List;

/** Every config's import, and the files of folders that were not configs. */
public record FleetImportResult(List<ImportedConfig> configs, List<ReportLine> skipped) {

    public FleetImportResult {
        configs = List.copyOf(configs);
        skipped = List.copyOf(skipped);
    }

    public List<ImportedConfig> imported() {
        return configs.stream().filter(config -> !config.failed()).toList();
    }

    public List<ImportedConfig> failed() {
        return configs.stream().filter(ImportedConfig::failed).toList();
    }
}
