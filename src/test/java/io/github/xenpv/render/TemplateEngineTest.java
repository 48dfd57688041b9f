package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User templates: one of the same relative path replaces the bundled one, and its errors point at the user's file. */
class TemplateEngineTest {

    static final String FSTAB = "guest/etc/fstab.ftl";

    @TempDir
    Path overrides;

    @Test
    void aUserTemplateReplacesTheBundledOneOfTheSamePath() throws Exception {
        write(FSTAB, "# site fstab for ${guest.name}\n<#list guest.partitions as p>${p.fstabLine}\n</#list>");
        String fstab = render(FSTAB);
        assertEquals("# site fstab for rhel3_64_fv\n/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 2\n"
                + "/dev/xvdb2 /mnt/pvdisk_p2 ext3 defaults 1 2\n", fstab);
    }

    @Test
    void templatesTheUserDoesNotOverrideStillComeFromThePlugin() throws Exception {
        write(FSTAB, "overridden\n");
        String modules = render("guest/etc/modules.conf.ftl");
        assertEquals("# BEGIN xenpv-maven-plugin block, guest rhel3_64_fv\n"
                + "# PV NICs use the xen-vnif driver (procedure step 4).\nalias eth0 xen-vnif\n"
                + "# END xenpv-maven-plugin block, guest rhel3_64_fv\n", modules);
    }

    @Test
    void aSyntaxErrorInAUserTemplateNamesTheUsersFileLineAndColumn() throws Exception {
        write(FSTAB, "line one\n<#list guest.partitions as p>\n${p.fstabLine}\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertEquals("your template " + overrides.resolve(FSTAB) + ", line 3, column 15: Unexpected end of file "
                + "reached. You have an unclosed #list. Check if the FreeMarker end-tags are present, and aren't malformed. "
                + "(Note that FreeMarker end-tags must have # or @ after the / character.)", error.getMessage());
    }

    @Test
    void anUndefinedValueInAUserTemplateNamesTheUsersFileAndTheExpression() throws Exception {
        write(FSTAB, "ok\n  ${guest.mountPoints}\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertEquals("your template " + overrides.resolve(FSTAB) + ", line 2, column 5: "
                + "The following has evaluated to null or missing: ==> guest.mountPoints", error.getMessage());
    }

    @Test
    void anErrorInABundledTemplateSaysItIsThePlugins() throws Exception {
        write(FSTAB, "overridden\n");
        RenderException error = assertThrows(RenderException.class,
                () -> new TemplateEngine(overrides).render("guest/etc/modules.conf.ftl", Map.of()));
        assertEquals("the plugin's template guest/etc/modules.conf.ftl, line 1, column 8: "
                + "The following has evaluated to null or missing: ==> guest", error.getMessage());
    }

    @Test
    void aMissingTemplateNamesTheFoldersSearched() {
        RenderException error = assertThrows(RenderException.class, () -> render("guest/etc/inittab.ftl"));
        assertEquals("template guest/etc/inittab.ftl not found in " + overrides + " nor among the plugin's templates",
                error.getMessage());
    }

    @Test
    void aMissingOverrideFolderMeansBundledTemplatesOnly() throws Exception {
        TemplateEngine engine = new TemplateEngine(overrides.resolve("absent"));
        assertTrue(engine.render("guest/etc/modules.conf.ftl", Map.of("guest", GuestView.of(SeedGuest.valid())))
                .contains("alias eth0 xen-vnif\n"));
    }

    private String render(String template) throws Exception {
        return new TemplateEngine(overrides).render(template, Map.of("guest", GuestView.of(SeedGuest.valid())));
    }

    private void write(String template, String text) throws Exception {
        Path file = overrides.resolve(template);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
