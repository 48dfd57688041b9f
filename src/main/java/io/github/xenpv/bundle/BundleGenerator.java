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

    /** @param templatesDirectory the user's template overrides; may be {@code null} or missing */
    public BundleGenerator(Path outputDirectory, Path templatesDirectory) throws IOException {
        this.outputDirectory = outputDirectory;
        this.renderer = new GuestRenderer(new TemplateEngine(templatesDirectory));
    }

    /** The bundles of these guests, in memory. */
    public List<GuestBundle> render(List<ValidGuest> guests) throws RenderException {
        List<GuestBundle> bundles = new ArrayList<>(guests.size());
        for (ValidGuest guest : guests) {
            bundles.add(GuestBundle.of(guest.name(), renderer.render(guest)));
        }
        return bundles;
    }

    /** Renders every guest, then writes what changed. */
    public BundleWriter.Report generate(List<ValidGuest> guests) throws RenderException, IOException {
        return write(render(guests));
    }

    /** Writes rendered bundles to their folders, leaving files that are already right alone. */
    public BundleWriter.Report write(List<GuestBundle> bundles) throws IOException {
        return BundleWriter.write(outputDirectory, bundles);
    }
}
