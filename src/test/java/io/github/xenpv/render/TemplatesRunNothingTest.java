package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §16 (Trust), issue 19 point 2: a template in a POM's project is the POM author's code, and a
 * pipeline that builds pull requests runs it on the build machine. FreeMarker's {@code ?new()}
 * would instantiate any {@code TemplateModel} class: {@code Execute} runs a command,
 * {@code ObjectConstructor} builds any Java object (a reader of {@code /etc/shadow}),
 * {@code JythonRuntime} runs Python. None resolves; the refusal is the plugin's own error, naming
 * the template, its line and column.
 */
class TemplatesRunNothingTest {

    static final String FSTAB = "guest/etc/fstab.ftl";

    @TempDir
    Path overrides;

    @ParameterizedTest
    @ValueSource(strings = {"freemarker.template.utility.Execute", "freemarker.template.utility.ObjectConstructor",
        "freemarker.template.utility.JythonRuntime"})
    void theNewBuiltInResolvesNoClass(String utility) throws Exception {
        write(FSTAB, "# fstab\n<#assign run = \"" + utility + "\"?new()>\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertTrue(error.getMessage().startsWith("your template " + overrides.resolve(FSTAB) + ", line 2, column "),
                error.getMessage());
        assertTrue(error.getMessage().contains("Instantiating " + utility + " is not allowed"), error.getMessage());
    }

    @Test
    void executeRunsNothing(@TempDir Path scratch) throws Exception {
        Path marker = scratch.resolve("ran");
        write(FSTAB, "${\"freemarker.template.utility.Execute\"?new()(\"touch " + marker + "\")}\n");
        assertThrows(RenderException.class, () -> render(FSTAB));
        assertFalse(Files.exists(marker), "Execute ran a command on the build machine");
    }

    @Test
    void objectConstructorReadsNoFile(@TempDir Path scratch) throws Exception {
        Path secret = Files.writeString(scratch.resolve("secret"), "the build machine's secret\n");
        write(FSTAB, "<#assign new = \"freemarker.template.utility.ObjectConstructor\"?new()>"
                + "${new(\"java.util.Scanner\", new(\"java.io.File\", \"" + secret + "\")).nextLine()}\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertFalse(error.getMessage().contains("secret\n"), error.getMessage());
    }

    @Test
    void theApiBuiltInStaysOff() throws Exception {
        write(FSTAB, "${guest.name?api.getClass().getName()}\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertTrue(error.getMessage().startsWith("your template " + overrides.resolve(FSTAB) + ", line 1, column "),
                error.getMessage());
        assertTrue(error.getMessage().contains("?api"), error.getMessage());
    }

    @Test
    void aTemplateLinkedOutOfTheTemplateFolderIsThePluginsErrorNotASecurityException(@TempDir Path elsewhere)
            throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("fstab.ftl"), "outside\n");
        Files.createDirectories(overrides.resolve(FSTAB).getParent());
        Files.createSymbolicLink(overrides.resolve(FSTAB), outside);
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertEquals("your template " + overrides.resolve(FSTAB) + " leads through a symbolic link to " + outside
                + ", outside " + overrides + ": the plugin reads templates only inside the template folder;"
                + " copy the file there instead", error.getMessage());
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
