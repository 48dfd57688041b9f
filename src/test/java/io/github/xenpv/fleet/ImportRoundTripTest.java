package io.github.xenpv.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.GuestBundle;
import io.github.xenpv.model.DeviceNode;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip (issue 13): for random valid declarations, the xm config the plugin generates,
 * imported with the same fleet-wide values and a scratch guest root built from the bundle's own
 * fstab, modules.conf and grub.conf (with the {@code /dev} nodes the bundle's xenpv-mknod makes),
 * gives declarations that, written to pom.xml and bound as Maven binds them, generate byte-identical
 * bundle files.
 *
 * <p>Seeded: {@code -Dxenpv.seed=N} repeats a run, {@code -Dxenpv.roundTrip.tries=N} sets its length;
 * a failure names its seed. Making block nodes needs root: outside CI without root, PV disks keep
 * their node named after the vdev (tied by name) and a SKIPPED line says so; under {@code CI=true}
 * it must run as root.
 */
class ImportRoundTripTest {

    @TempDir
    Path work;

    /** One try: its fleet-wide values, the checked declarations, their bundles, and where its dom0 and roots are. */
    private record Try(String context, FleetValues fleet, List<ValidGuest> guests, List<GuestBundle> bundles,
            Path configs, Path roots) {
    }

    @Test
    void importedDeclarationsGenerateTheSameBundles() throws Exception {
        long seed = Long.getLong("xenpv.seed", System.nanoTime());
        int tries = Integer.getInteger("xenpv.roundTrip.tries", 40);
        boolean nodes = Scratch.canMakeNodes();
        Random random = new Random(seed);
        BundleGenerator generator = new BundleGenerator(work.resolve("unused"), null);
        List<Try> all = new ArrayList<>();
        for (int t = 0; t < tries; t++) {
            String context = "seed " + seed + " (rerun with -Dxenpv.seed=" + seed + "), try " + t;
            RecoverableDeclarations declarations = new RecoverableDeclarations(random, nodes);
            FleetValues fleet = declarations.fleet();
            Validation validation = GuestValidator.validate(declarations.guests(fleet));
            assertEquals(List.of(), validation.errors(), context + ": the generator made an invalid declaration");
            List<GuestBundle> bundles = generator.render(validation.guests());
            Path configs = work.resolve("try" + t + "/etc/xen");
            Path roots = work.resolve("try" + t + "/roots");
            for (int g = 0; g < bundles.size(); g++) {
                Scratch.guest(bundles.get(g), validation.guests().get(g), configs, roots.resolve(bundles.get(g).guestName()));
            }
            all.add(new Try(context, fleet, validation.guests(), bundles, configs, roots));
        }
        if (nodes) {
            Scratch.nodes(all.stream().flatMap(one -> one.guests().stream()
                    .map(guest -> Map.entry(one.roots().resolve(guest.name()), guest))).toList());
        }
        for (Try one : all) {
            FleetImportResult result = FleetImport.run(List.of(one.configs()), Optional.of(one.roots()), one.fleet());
            String report = ImportReport.render(result, "test");
            if (!result.failed().isEmpty() || result.configs().stream().anyMatch(ImportReport::incomplete)) {
                fail(one.context() + ": the import did not take every config whole:\n" + report);
            }
            String pom = PomWriter.write(result.imported(), result.configs().size(),
                    new PomWriter.Plugin("io.github.xenpv", "xenpv-maven-plugin", "test"), Instant.EPOCH);
            Validation again = GuestValidator.validate(MavenBinding.guests(pom));
            assertEquals(List.of(), again.errors(), one.context() + ": the imported pom.xml is invalid:\n" + pom);
            compare(one.bundles(), generator.render(again.guests()), one.context(), pom, report);
        }
    }

    private static void compare(List<GuestBundle> expected, List<GuestBundle> actual, String context, String pom,
            String report) {
        List<GuestBundle> sortedExpected = sorted(expected);
        List<GuestBundle> sortedActual = sorted(actual);
        assertEquals(names(sortedExpected), names(sortedActual), context);
        for (int g = 0; g < sortedExpected.size(); g++) {
            List<RenderedFile> before = sortedExpected.get(g).files();
            List<RenderedFile> after = sortedActual.get(g).files();
            assertEquals(before.stream().map(RenderedFile::path).toList(), after.stream().map(RenderedFile::path).toList(),
                    context);
            for (int f = 0; f < before.size(); f++) {
                String was = new String(before.get(f).content(), StandardCharsets.UTF_8);
                String is = new String(after.get(f).content(), StandardCharsets.UTF_8);
                if (!was.equals(is)) {
                    fail(context + ": " + sortedExpected.get(g).guestName() + "/" + before.get(f).path()
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
         * them (the model's names and minors on major 202), all in one Python process: thousands of
         * nodes through the script's five commands each would take minutes on a busy machine, and
         * MknodScratchRootTest runs the script itself.
         */
        static void nodes(List<Map.Entry<Path, ValidGuest>> guests) throws IOException, InterruptedException {
            StringBuilder script = new StringBuilder("import os, stat\n");
            for (Map.Entry<Path, ValidGuest> guest : guests) {
                for (DeviceNode node : guest.getValue().nodes()) {
                    script.append("os.mknod('").append(guest.getKey().resolve("dev").resolve(node.name()))
                            .append("', stat.S_IFBLK | 0o664, os.makedev(202, ").append(node.minor()).append("))\n");
                }
            }
            Process process = new ProcessBuilder("python3", "-").redirectErrorStream(true).start();
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

        static boolean canMakeNodes() throws IOException, InterruptedException {
            Process id = new ProcessBuilder("id", "-u").start();
            boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("0");
            id.waitFor();
            if (!root) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError("CI=true but not root: the round trip makes block nodes with mknod");
                }
                System.err.println("SKIPPED: not root: the round trip keeps PV disks' nodes named after their vdev "
                        + "(block nodes need mknod)");
            }
            return root;
        }
    }
}
