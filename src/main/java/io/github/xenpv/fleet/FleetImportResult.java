package io.github.xenpv.fleet;

import java.util.List;

/**
 * Every config's import, the files of folders that were not configs, and the configs of guests
 * that are not HVM guests.
 *
 * @param configs every config of an HVM guest read, in order, imported or failed
 * @param skipped the files of folders that were not configs, one report line each
 * @param notHvm  the configs of para-virtualized guests, skipped, one report line each
 */
public record FleetImportResult(List<ImportedConfig> configs, List<ReportLine> skipped, List<ReportLine> notHvm) {

    /**
     * The result of an import.
     *
     * @param configs every config of an HVM guest read, in order, imported or failed
     * @param skipped the files of folders that were not configs, one report line each
     * @param notHvm  the configs of para-virtualized guests, skipped, one report line each
     */
    public FleetImportResult {
        configs = List.copyOf(configs);
        skipped = List.copyOf(skipped);
        notHvm = List.copyOf(notHvm);
    }

    /**
     * The configs that imported.
     *
     * @return them, in order
     */
    public List<ImportedConfig> imported() {
        return configs.stream().filter(config -> !config.failed()).toList();
    }

    /**
     * The configs that failed to import.
     *
     * @return them, in order
     */
    public List<ImportedConfig> failed() {
        return configs.stream().filter(ImportedConfig::failed).toList();
    }
}
