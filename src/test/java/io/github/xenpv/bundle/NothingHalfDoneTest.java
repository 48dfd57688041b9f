package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that fails leaves the output folder exactly as it was: a template error in the last
 * guest must not let the first guest's changed files, or any new file, reach the disk.
 */
class NothingHalfDoneTest {

    @TempDir
    Path work;

    @Test
    void aTemplateErrorInTheLastGuestWritesNothingForAnyGuest() throws Exception {
        Path output = work.resolve("xenpv");
        new BundleGenerator(output, null).generate(List.of(SeedGuest.valid()));
        Files.writeString(output.resolve("user-notes.txt"), "kept");
        Map<Path, Snapshot> before = snapshot(output);

        // the seed guest changes (so its files would be rewritten), a new guest would add a folder,
        // and the override template fails only for that new guest, which renders last
        Guest changed = SeedGuest.declaration();
        changed.setMemory("1024");
        Guest added = SeedGuest.declaration();
        added.setName("zz_last");
        added.getBootDisk().setSource("/images/zz.dsk");
        added.getDisks().get(0).setSource("/images/zz-data.dsk");
        added.getNetworks().get(0).setMac(null);
        Path templates = work.resolve("templates/guest/etc");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("fstab.ftl"), "<#if guest.name == \"zz_last\">${guest.noSuchValue}</#if>\n");
        List<ValidGuest> guests = List.of(SeedGuest.validOnly(changed), SeedGuest.validOnly(added));

        RenderException failure = assertThrows(RenderException.class,
                () -> new BundleGenerator(output, work.resolve("templates")).generate(guests));
        assertTrue(failure.getMessage().contains("guest/etc/fstab.ftl, line 1"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("null or missing: ==> guest.noSuchValue"), "the message names what is missing: " + failure.getMessage());
        assertEquals(before, snapshot(output), "the output folder changed although the build failed");
    }

    @Test
    void aBrokenTemplateSyntaxWritesNothingIntoAnEmptyFolder() throws Exception {
        Path output = work.resolve("fresh");
        Path templates = work.resolve("templates/guest/etc");
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("modules.conf.ftl"), "<#list guest.networks as n>\n");
        assertThrows(RenderException.class,
                () -> new BundleGenerator(output, work.resolve("templates")).generate(List.of(SeedGuest.valid())));
        assertTrue(Files.notExists(output), "a failed build created the output folder");
    }

    /** A file's bytes and modification time: a rewrite with the same bytes would still show. */
    record Snapshot(String content, FileTime modified) {
    }

    static Map<Path, Snapshot> snapshot(Path root) throws IOException {
        Map<Path, Snapshot> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                files.put(root.relativize(path), new Snapshot(Files.isRegularFile(path) ? Files.readString(path) : "<folder>",
                        Files.getLastModifiedTime(path)));
            }
        }
        return files;
    }
}
