package io.github.xenpv.bundle;

import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.GuestRenderer;
import io.github.xenpv.render.RenderException;
import io.github.xenpv.render.TemplateEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the bundles of checked guests and writes them under {@code outputDirectory/<name>/}.
 * Every guest is rendered before the first byte is written, so a template error leaves the
 * output folder exactly as it was.
 */
public final class BundleGenerator {

    private final Path outputDirectory;
    private final GuestRenderer renderer;

    /**
     * A generator that renders with the bundled templates and the user's overrides.
     *
     * @param outputDirectory the folder that holds one folder per guest
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @throws IOException when the templates folder cannot be read
     */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory) throws IOException {
        this.outputDirectory = outputDirectory;
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
        List<GuestBundle> bundles = new ArrayList<>(guests.size());
        for (ValidGuest guest : guests) {
            bundles.add(GuestBundle.of(guest.name(), renderer.render(guest)));
        }
        return bundles;
    }

    /**
     * Renders every guest, then writes what changed.
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
     * Writes rendered bundles to their folders, leaving files that are already right alone.
     *
     * @param bundles the rendered bundles
     * @return what the write did
     * @throws IOException when a file cannot be written
     */
    public BundleWriter.Report write(List<GuestBundle> bundles) throws IOException {
        return BundleWriter.write(outputDirectory, bundles);
    }
}
