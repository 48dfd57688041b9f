package io.github.xenpv.bundle;

import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.GuestRenderer;
import io.github.xenpv.render.RenderException;
import io.github.xenpv.render.RenderInputs;
import io.github.xenpv.render.RenderedFile;
import io.github.xenpv.render.TemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the bundles of checked guests and writes them under {@code outputDirectory/<name>/}.
 * Every guest is rendered before the first byte is written, so a template error leaves the
 * output folder exactly as it was. Guests render side by side, each into a staging folder as soon
 * as it is done, so memory holds the files of a few guests at a time, never the fleet's. A guest
 * whose files were made from the same inputs ({@link RenderInputs}, and the driver RPM it carries)
 * and are still as written is not rendered at all.
 */
public final class BundleGenerator {

    /** Where a bundle carries its driver RPM: next to {@code install-guest.sh}, which looks for it there. */
    static final String DRIVER_RPM_FOLDER = "guest/";

    private final BundleWriter writer;
    private final Path templatesDirectory;
    private final byte[] pluginCode;
    private GuestRenderer renderer;

    /**
     * A generator whose writes belong to no particular project (tests, tools), staging in the
     * output directory's parent folder.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory) {
        this(new BundleWriter(outputDirectory, ""), templatesDirectory, null);
    }

    /**
     * A generator that renders with the bundled templates and the user's overrides.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @param owner who writes, as {@link BundleWriter} records it
     * @param stagingDirectory where files wait until every guest has rendered (see {@link BundleWriter})
     */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory, String owner, Path stagingDirectory) {
        this(new BundleWriter(outputDirectory, owner, stagingDirectory), templatesDirectory, null);
    }

    /**
     * A generator for a plugin whose code has this digest: tests stand in for a rebuilt plugin
     * with it.
     */
    BundleGenerator(Path outputDirectory, Path templatesDirectory, byte[] pluginCode) {
        this(new BundleWriter(outputDirectory, ""), templatesDirectory, pluginCode);
    }

    /** @param pluginCode the digest of the plugin's code; {@code null} to read it from the jar the plugin runs from */
    private BundleGenerator(BundleWriter writer, Path templatesDirectory, byte[] pluginCode) {
        this.writer = writer;
        this.templatesDirectory = templatesDirectory;
        this.pluginCode = pluginCode;
    }

    /**
     * Renders every file of these guests, in memory.
     *
     * @param guests the checked guests
     * @return one bundle per guest, in the same order
     * @throws RenderException when a template fails, naming the template, line and column
     * @throws IOException when the templates folder cannot be read
     */
    public List<GuestBundle> render(List<ValidGuest> guests) throws RenderException, IOException {
        List<GuestBundle> bundles = new ArrayList<>(guests.size());
        for (ValidGuest guest : guests) {
            bundles.add(bundle(guest, null, null));
        }
        return bundles;
    }

    /**
     * Renders every guest, then writes what changed; these are all the guests there are.
     *
     * @param guests the checked guests
     * @return what the write did
     * @throws RenderException when a template fails; then nothing is written
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report generate(List<ValidGuest> guests) throws RenderException, IOException {
        Set<String> names = new LinkedHashSet<>();
        guests.forEach(guest -> names.add(guest.name()));
        return generate(guests, names);
    }

    /**
     * Brings the folders of these guests up to date, then cleans up after the guests an earlier
     * build wrote that are not in {@code declared}. A guest whose record says its files were made
     * from the inputs it has now, and whose files are all still as written, is left alone unrendered;
     * every other guest is rendered and staged, and only when all rendered and none meets a file the
     * plugin did not write are the staged files moved into place.
     *
     * @param guests the checked guests to write
     * @param declared every declared guest's name, written now or not
     * @return what the write did
     * @throws RenderException when a template fails; then nothing is written
     * @throws ForeignFileException when a path a bundle needs holds what the plugin did not write;
     *     then nothing is written
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report generate(List<ValidGuest> guests, Set<String> declared) throws RenderException, IOException {
        return generate(guests, declared, Map.of());
    }

    /**
     * Brings the folders of these guests up to date as {@link #generate(List, Set)} does; a guest
     * with a driver RPM gets it in its bundle's {@code guest/} folder, next to
     * {@code install-guest.sh}, listed in {@code SHA256SUMS} like every other file (and so in the
     * plugin's record of what it wrote). The RPM's name and bytes count among the guest's inputs:
     * another RPM, or the same name with other bytes, renders the guest again.
     *
     * @param guests the checked guests to write
     * @param declared every declared guest's name, written now or not
     * @param driverRpms the driver RPM of each guest that has one, by guest name ({@link DriverRpms#choose})
     * @return what the write did
     * @throws RenderException when a template fails; then nothing is written
     * @throws ForeignFileException when a path a bundle needs holds what the plugin did not write;
     *     then nothing is written
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report generate(List<ValidGuest> guests, Set<String> declared, Map<String, DriverRpm> driverRpms)
            throws RenderException, IOException {
        Optional<RenderInputs> inputs = pluginCode == null ? RenderInputs.of(templatesDirectory)
                : Optional.of(RenderInputs.of(templatesDirectory, pluginCode));
        // each RPM hashed once, however many guests carry it
        Map<DriverRpm, String> rpmDigests = new IdentityHashMap<>();
        driverRpms.values().forEach(rpm -> rpmDigests.computeIfAbsent(rpm, carried -> Checksums.sha256(carried.content())));
        try (Staging staging = writer.staging()) {
            List<OwnedFiles.Ready> ready = Parallel.<ValidGuest, OwnedFiles.Ready, RenderException>map(guests, guest -> {
                DriverRpm rpm = driverRpms.get(guest.name());
                String rpmDigest = rpm == null ? null : rpmDigests.get(rpm);
                return writer.<RenderException>prepare(guest.name(),
                        inputs.map(shared -> inputs(shared.of(guest), rpm, rpmDigest)).orElse(null),
                        () -> bundle(guest, rpm, rpmDigest), staging);
            });
            return writer.commit(ready, declared);
        }
    }

    /** What a guest's files are made from: its render inputs, and the name and bytes of the RPM it carries. */
    private static String inputs(String rendered, DriverRpm rpm, String rpmDigest) {
        // without an RPM exactly the render inputs, so folders written before driverRpms existed stay up to date
        return rpm == null ? rendered : Checksums.sha256((rendered + "\ndriver RPM " + rpmDigest + "  " + rpm.fileName())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A guest's rendered files, and its driver RPM in {@code guest/} when it has one ({@code rpmDigest} its SHA-256). */
    private GuestBundle bundle(ValidGuest guest, DriverRpm rpm, String rpmDigest) throws RenderException, IOException {
        if (rpm == null) {
            return GuestBundle.of(guest.name(), renderer().render(guest));
        }
        return GuestBundle.of(guest.name(), renderer().render(guest, rpm.fileName()),
                new RenderedFile(DRIVER_RPM_FOLDER + rpm.fileName(), rpm.content(), false), rpmDigest);
    }

    /** FreeMarker is set up only when a guest has to render: a build that finds everything unchanged never loads it. */
    private synchronized GuestRenderer renderer() throws IOException {
        if (renderer == null) {
            renderer = new GuestRenderer(new TemplateEngine(templatesDirectory));
        }
        return renderer;
    }
}
