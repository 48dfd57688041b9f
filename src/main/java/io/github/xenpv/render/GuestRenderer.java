package io.github.xenpv.render;

import io.github.xenpv.model.ValidGuest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders every file of one guest's bundle into memory, from its {@link GuestView}; nothing is written here. */
public final class GuestRenderer {

    /** Room for the largest bundled file of a guest (install-guest.sh, about 56 KiB), so the buffer seldom grows. */
    private static final int GUEST_FILE_BYTES = 64 * 1024;

    private final TemplateEngine engine;

    /** @param engine renders each template of the bundle */
    public GuestRenderer(TemplateEngine engine) {
        this.engine = engine;
    }

    /**
     * Renders every file of a guest's bundle.
     *
     * @param guest the checked guest
     * @return the guest's files, in {@link BundleLayout} order
     * @throws RenderException when a template fails, naming the template, line and column
     */
    public List<RenderedFile> render(ValidGuest guest) throws RenderException {
        return render(guest, "");
    }

    /**
     * Renders every file of a guest's bundle, which carries the driver RPM of this name next to
     * {@code install-guest.sh}.
     *
     * @param guest the checked guest
     * @param bundledDriverRpm the file name of the driver RPM in the bundle's {@code guest/}; empty when
     *     the user places the RPM there
     * @return the guest's files, in {@link BundleLayout} order
     * @throws RenderException when a template fails, naming the template, line and column
     */
    public List<RenderedFile> render(ValidGuest guest, String bundledDriverRpm) throws RenderException {
        Map<String, Object> dataModel = Map.of("guest", GuestView.of(guest), "bundledDriverRpm", bundledDriverRpm);
        List<RenderedFile> files = new ArrayList<>();
        Utf8Output out = new Utf8Output(GUEST_FILE_BYTES);
        for (BundleLayout.Entry entry : BundleLayout.entries(guest)) {
            files.add(new RenderedFile(entry.path(guest), engine.render(entry.template(), dataModel, out), entry.executable(),
                    entry.secret().test(guest)));
        }
        return files;
    }
}
