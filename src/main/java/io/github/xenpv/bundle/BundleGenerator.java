package io.github.xenpv.bundle;

import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.GuestRenderer;
import io.github.xenpv.render.RenderException;
import io.github.xenpv.render.RenderedFile;
import io.github.xenpv.render.TemplateEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the bundles of checked guests and writes them under {@code outputDirectory/<name>/}.
 * Every guest is rendered before the first byte is written, so a template error leaves the
 * output folder exactly as it was.
 */
public final class BundleGenerator {

    /** Where a bundle carries its driver RPM: next to {@code install-guest.sh}, which looks for it there. */
    static final String DRIVER_RPM_FOLDER = "guest/";

    private final BundleWriter writer;
    private final GuestRenderer renderer;

    /**
     * A generator whose writes belong to no particular project (tests, tools).
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @throws IOException when the templates folder cannot be read
     */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory) throws IOException {
        this(outputDirectory, templatesDirectory, "");
    }

    /**
     * A generator that renders with the bundled templates and the user's overrides.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @param owner who writes, as {@link BundleWriter} records it
     * @throws IOException when the templates folder cannot be read
     */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory, String owner) throws IOException {
        this.writer = new BundleWriter(outputDirectory, owner);
        this.renderer = new GuestRenderer(new TemplateEngine(templatesDirectory));
    }

    /**
     * Renders every file of these guests, in memory.
     *
     * @param guests the checked guests
     * @return one bundle per guest, in the same order
     * @throws RenderException when a template fails, naming the template, line and column
     */
    public List<GuestBundle> render(List<ValidGuest> guests) throws RenderException {
        return render(guests, Map.of());
    }

    /**
     * Renders every file of these guests, in memory; a guest with a driver RPM gets it in its
     * bundle's {@code guest/} folder, next to {@code install-guest.sh}, listed in
     * {@code SHA256SUMS} like every other file (and so in the plugin's record of what it wrote).
     *
     * @param guests the checked guests
     * @param driverRpms the driver RPM of each guest that has one, by guest name ({@link DriverRpms#choose})
     * @return one bundle per guest, in the same order
     * @throws RenderException when a template fails, naming the template, line and column
     */
    public List<GuestBundle> render(List<ValidGuest> guests, Map<String, DriverRpm> driverRpms) throws RenderException {
        List<GuestBundle> bundles = new ArrayList<>(guests.size());
        for (ValidGuest guest : guests) {
            DriverRpm rpm = driverRpms.get(guest.name());
            List<RenderedFile> files = new ArrayList<>(renderer.render(guest, rpm == null ? "" : rpm.fileName()));
            if (rpm != null) {
                files.add(new RenderedFile(DRIVER_RPM_FOLDER + rpm.fileName(), rpm.content(), false));
            }
            bundles.add(GuestBundle.of(guest.name(), files));
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
        return write(render(guests));
    }

    /**
     * Writes rendered bundles to their folders, leaving files that are already right alone; these
     * are all the guests there are.
     *
     * @param bundles the rendered bundles
     * @return what the write did
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report write(List<GuestBundle> bundles) throws IOException {
        return write(bundles, names(bundles));
    }

    /**
     * Writes rendered bundles to their folders, leaving files that are already right alone, and
     * cleans up after the guests an earlier build wrote that are not in {@code declared}.
     *
     * @param bundles the rendered bundles
     * @param declared every declared guest's name, written now or not
     * @return what the write did
     * @throws ForeignFileException when a path a bundle needs holds what the plugin did not write;
     *     then nothing is written
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report write(List<GuestBundle> bundles, Set<String> declared) throws IOException {
        return writer.write(bundles, declared);
    }

    static Set<String> names(List<GuestBundle> bundles) {
        Set<String> names = new LinkedHashSet<>();
        bundles.forEach(bundle -> names.add(bundle.guestName()));
        return names;
    }
}
