package io.github.xenpv.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.GuestBundle;
import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.DeviceNode;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.property.Declarations;
import io.github.xenpv.property.Property;
import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip (issue 13): for random valid declarations, the xm config the plugin generates,
 * imported with the same fleet-wide values and a scratch guest root built from the bundle's own
 * fstab, modules.conf and grub.conf (with the {@code /dev} nodes the bundle's xenpv-mknod makes),
 * gives declarations that, written to pom.xml and bound as Maven binds them, generate byte-identical
 * bundle files.
 *
 * <p>A property on the project's {@link Property} harness: {@code -Dxenpv.seed=N} replays a failing
 * case, {@code -Dxenpv.tries=N} runs longer, and a failure is shrunk with the declarations' own
 * edits. Making block nodes needs root: without it the test is skipped as a whole with a SKIPPED
 * line ({@link Checkers#requireMknod}), or fails under {@code CI=true}; it never runs a weaker
 * round trip.
 */
class ImportRoundTripTest {

    @TempDir
    Path work;

    /** One case: the fleet-wide values and the declarations of one import. */
    record Fleet(FleetValues values, List<Guest> guests) {
    }

    @Test
    void importedDeclarationsGenerateTheSameBundles() throws Exception {
        Checkers.requireMknod();
        BundleGenerator generator = new BundleGenerator(work.resolve("not-written"), null);
        Property.of("importedDeclarationsGenerateTheSameBundles", 40, random -> {
            RecoverableDeclarations declarations = new RecoverableDeclarations(random);
            FleetValues values = declarations.fleet();
            return new Fleet(values, declarations.guests(values));
        }).shrinking(fleet -> Declarations.smaller(fleet.guests()).stream()
                .map(edit -> new Property.Edit<Fleet>(edit.description(), shrunk -> edit.apply().accept(shrunk.guests())))
                .toList())
                .describedBy(fleet -> fleet.values() + "\n" + Declarations.xml(fleet.guests()))
                .check(fleet -> roundTrip(generator, fleet, Files.createTempDirectory(work, "fleet")));
    }

    private static void roundTrip(BundleGenerator generator, Fleet fleet, Path scratch) throws Exception {
        Validation validation = GuestValidator.validate(fleet.guests());
        assertEquals(List.of(), validation.errors(), "the generator made an invalid declaration");
        List<GuestBundle> bundles = generator.render(validation.guests());
        Path configs = scratch.resolve("etc/xen");
        Path roots = scratch.resolve("roots");
        for (int g = 0; g < bundles.size(); g++) {
            Scratch.guest(bundles.get(g), validation.guests().get(g), configs, roots.resolve(bundles.get(g).guestName()));
        }
        Scratch.nodes(validation.guests(), roots);
        FleetImportResult result = FleetImport.run(List.of(configs), Optional.of(roots), fleet.values());
        String report = ImportReport.render(result, "test");
        if (!result.failed().isEmpty() || result.configs().stream().anyMatch(ImportReport::incomplete)) {
            fail("the import did not take every config whole:\n" + report);
        }
        String pom = PomWriter.write(result.imported(), result.configs().size(),
                new PomWriter.Plugin("io.github.xenpv", "xenpv-maven-plugin", "test"), Instant.EPOCH);
        Validation again = GuestValidator.validate(MavenBinding.guests(pom));
        assertEquals(List.of(), again.errors(), "the imported pom.xml is invalid:\n" + pom);
        compare(bundles, generator.render(again.guests()), pom, report);
    }

    private static void compare(List<GuestBundle> expected, List<GuestBundle> actual, String pom, String report) {
        List<GuestBundle> sortedExpected = sorted(expected);
        List<GuestBundle> sortedActual = sorted(actual);
        assertEquals(names(sortedExpected), names(sortedActual));
        for (int g = 0; g < sortedExpected.size(); g++) {
            List<RenderedFile> before = sortedExpected.get(g).files();
            List<RenderedFile> after = sortedActual.get(g).files();
            assertEquals(before.stream().map(RenderedFile::path).toList(), after.stream().map(RenderedFile::path).toList());
            for (int f = 0; f < before.size(); f++) {
                String was = new String(before.get(f).content(), StandardCharsets.UTF_8);
                String is = new String(after.get(f).content(), StandardCharsets.UTF_8);
                if (!was.equals(is)) {
                    fail(sortedExpected.get(g).guestName() + "/" + before.get(f).path()
                            + " differs after the import:\n" + diff(was, is) + "\n--- pom.xml\n" + pom + "\n--- report\n" + report);
                }
            }
        }
    }

    private static List<GuestBundle> sorted(List<GuestBundle> bundles) {
        List<GuestBundle> sorted = new ArrayList<>(bundles);
        sorted.sort((a, b) -> a.guestName().compareTo(b.guestName()));
        return sorted;
    }

    private static List<String> names(List<GuestBundle> bundles) {
        return bundles.stream().map(GuestBundle::guestName).toList();
    }

    private static String diff(String was, String is) {
        List<String> a = was.lines().toList();
        List<String> b = is.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<none>";
            String right = i < b.size() ? b.get(i) : "<none>";
            if (!left.equals(right)) {
                out.append("line ").append(i + 1).append(":\n  - ").append(left).append("\n  + ").append(right).append('\n');
            }
        }
        return out.toString();
    }

    /** The scratch dom0 and guest roots of a bundle. */
    static final class Scratch {

        private Scratch() {
        }

        /** Writes the guest's xm config where dom0 keeps it, and a guest root as the bundle leaves a guest. */
        static void guest(GuestBundle bundle, ValidGuest guest, Path configs, Path root) throws IOException {
            Files.createDirectories(configs);
            Files.write(configs.resolve(guest.name()), file(bundle, "dom0/etc/xen/" + guest.name()));
            write(root.resolve("etc/fstab"), file(bundle, "guest/etc/fstab"));
            write(root.resolve("etc/modules.conf"), file(bundle, "guest/etc/modules.conf"));
            write(root.resolve("boot/grub/grub.conf"), file(bundle, "guest/boot/grub/grub.conf"));
            Files.createSymbolicLink(root.resolve("etc/grub.conf"), Path.of("../boot/grub/grub.conf"));
            Files.createDirectories(root.resolve("lib/modules/" + guest.kernelRelease() + "/kernel"));
            Files.createDirectories(root.resolve("dev"));
        }

        /**
         * The block nodes of every guest's PV disks and partitions, as the bundle's xenpv-mknod makes
         * them (the model's names and minors on major 202), in one Python process: hundreds of nodes
         * through the script's five commands each would take long on a busy machine, and
         * MknodScratchRootTest runs the script itself.
         */
        static void nodes(List<ValidGuest> guests, Path roots) throws IOException, InterruptedException {
            StringBuilder script = new StringBuilder("import os, stat\n");
            for (ValidGuest guest : guests) {
                for (DeviceNode node : guest.nodes()) {
                    script.append("os.mknod('").append(roots.resolve(guest.name()).resolve("dev").resolve(node.name()))
                            .append("', stat.S_IFBLK | 0o664, os.makedev(202, ").append(node.minor()).append("))\n");
                }
            }
            Process process = new ProcessBuilder(Checkers.require(Checkers.Tool.PYTHON3).toString(), "-")
                    .redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(script.toString().getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError("mknod failed:\n" + output);
            }
        }

        private static byte[] file(GuestBundle bundle, String path) {
            return bundle.files().stream().filter(f -> f.path().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("the bundle has no " + path)).content();
        }

        private static void write(Path path, byte[] content) throws IOException {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
        }
    }
}
