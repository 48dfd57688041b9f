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

class TemplateEngineTest {

    @TempDir
    Path overrides;

    private final Map<String, Object> model = Map.of("guest", SeedGuest.valid());

    @Test
    void aUserTemplateReplacesTheBundledOneOfTheSamePath() throws Exception {
        write("guest/etc/modules.conf.ftl", "# site modules.conf for ${guest.name}\n");
        TemplateEngine engine = new TemplateEngine(overrides);
        assertEquals("# site modules.conf for rhel3_64_fv\n", engine.render("guest/etc/modules.conf.ftl", model));
        assertTrue(engine.render("guest/etc/fstab.ftl", model).startsWith("LABEL=/ / ext3 defaults 1 1\n"),
                "templates the user did not override come from the plugin");
    }

    @Test
    void anUndefinedValueFailsNamingTemplateLineAndColumn() throws Exception {
        write("guest/etc/fstab.ftl", "ok\n${guest.nosuchfield}\n");
        RenderException failure = assertThrows(RenderException.class,
                () -> new TemplateEngine(overrides).render("guest/etc/fstab.ftl", model));
        assertTrue(failure.getMessage().startsWith("template guest/etc/fstab.ftl, line 2, column 3: "), failure.getMessage());
    }

    @Test
    void aSyntaxErrorFailsNamingTemplateLineAndColumn() throws Exception {
        write("guest/etc/fstab.ftl", "<#list guest.partitions as p>\n${p.fstabLine}\n");
        RenderException failure = assertThrows(RenderException.class,
                () -> new TemplateEngine(overrides).render("guest/etc/fstab.ftl", model));
        assertTrue(failure.getMessage().startsWith("template guest/etc/fstab.ftl, line "), failure.getMessage());
        assertTrue(failure.getMessage().contains("column"), failure.getMessage());
    }

    @Test
    void aMissingOverrideFolderMeansBundledTemplatesOnly() throws Exception {
        TemplateEngine engine = new TemplateEngine(overrides.resolve("absent"));
        assertTrue(engine.render("guest/etc/modules.conf.ftl", model).contains("alias eth0 xen-vnif\n"));
    }

    private void write(String name, String text) throws Exception {
        Path file = overrides.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
