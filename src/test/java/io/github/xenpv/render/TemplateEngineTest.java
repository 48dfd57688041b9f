package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import freemarker.template.TemplateMethodModelEx;
import io.github.xenpv.model.Guest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User templates: one of the same relative path replaces the bundled one, and its errors point at the user's file. */
class TemplateEngineTest {

    static final String FSTAB = "guest/etc/fstab.ftl";

    @TempDir
    Path overrides;

    @Test
    void aUserTemplateReplacesTheBundledOneOfTheSamePath() throws Exception {
        write(FSTAB, "# site fstab for ${guest.name}\n<#list guest.partitions as p>${p.fstabLine}\n</#list>");
        String fstab = render(FSTAB);
        assertEquals("# site fstab for rhel3_64_fv\n/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 0\n"
                + "/dev/xvdb2 /mnt/pvdisk_p2 ext3 defaults 1 0\n", fstab);
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
    void numbersAndBooleansPrintAsComputersReadThem() throws Exception {
        // ${...} of a number or boolean must give what a shell script or config file reads: no
        // digit grouping (1,024), no locale, and true/false rather than FreeMarker's refusal
        write(FSTAB, "${guest.memory} ${guest.noapic} ${guest.networks[0].macDerived}\n");
        Guest declared = SeedGuest.declaration();
        declared.setMemory("1048576");
        String fstab = new GuestRenderer(new TemplateEngine(overrides)).render(SeedGuest.validOnly(declared)).stream()
                .filter(file -> file.path().equals("guest/etc/fstab")).findFirst().orElseThrow().text();
        assertEquals("1048576 true false\n", fstab);
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
                () -> text(new TemplateEngine(overrides), "guest/etc/modules.conf.ftl", Map.of()));
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
        assertTrue(text(engine, "guest/etc/modules.conf.ftl", Map.of("guest", GuestView.of(SeedGuest.valid())))
                .contains("alias eth0 xen-vnif\n"));
    }

    @Test
    void anErrorInAnIncludedTemplateNamesTheIncludedFile() throws Exception {
        write(FSTAB, "<#include \"site-lines.ftl\">\n");
        write("guest/etc/site-lines.ftl", "# site\n${guest.siteLines}\n");
        RenderException error = assertThrows(RenderException.class, () -> render(FSTAB));
        assertEquals("your template " + overrides.resolve("guest/etc/site-lines.ftl") + ", line 2, column 3: "
                + "The following has evaluated to null or missing: ==> guest.siteLines", error.getMessage());
    }

    @Test
    void aJavaErrorUnderATemplateIsATemplateErrorWithItsLine() throws Exception {
        // a bug in a derived value must come out as the template's error with its line, not a stack trace
        write(FSTAB, "ok\n${guest.name}\n");
        RenderException error = assertThrows(RenderException.class,
                () -> text(new TemplateEngine(overrides), FSTAB, Map.of("guest", new Exploding())));
        assertTrue(error.getMessage().startsWith("your template " + overrides.resolve(FSTAB) + ", line 2, column 1: "),
                error.getMessage());
    }

    /**
     * A Java error in a function the template calls (as {@code sh}, {@code py} and {@code comment}
     * are) is the template's error with its line too: FreeMarker wraps what a bean's getter throws on
     * its own, but lets what a function throws through unless told otherwise.
     */
    @Test
    void aJavaErrorInAFunctionTheTemplateCallsIsATemplateErrorWithItsLine() throws Exception {
        write(FSTAB, "ok\n${fail(\"x\")}\n");
        TemplateMethodModelEx failing = arguments -> {
            throw new IllegalStateException("a function failed");
        };
        RenderException error = assertThrows(RenderException.class,
                () -> text(new TemplateEngine(overrides), FSTAB, Map.of("fail", failing)));
        assertTrue(error.getMessage().startsWith("your template " + overrides.resolve(FSTAB) + ", line 2, column 3: "),
                error.getMessage());
    }

    /**
     * A missing element in a list is missing, never replaced by a variable of the same name from
     * outside the loop (FreeMarker's old fallback): a guest's empty value must not print another's.
     */
    @Test
    void aMissingLoopValueNeverFallsBackToAnOuterVariable() throws Exception {
        write(FSTAB, "<#list disks as disk>${disk!\"none\"}\n</#list>");
        List<String> disks = new ArrayList<>();
        disks.add(null);
        disks.add("xvdb");
        assertEquals("none\nxvdb\n", text(new TemplateEngine(overrides), FSTAB, Map.of("disks", disks, "disk", "xvda")));
    }

    /** A data model whose property fails the way a bug in a derived value would. */
    public static final class Exploding {
        public String getName() {
            throw new IllegalStateException("a derived value failed");
        }
    }

    @Test
    void aTemplateIsFoundByItsExactPathNeverByALocaleVariant() throws Exception {
        // FreeMarker's localized lookup would take fstab_en_US.ftl before fstab.ftl
        Locale locale = Locale.getDefault();
        String fstab;
        try {
            Locale.setDefault(Locale.US);
            write("guest/etc/fstab_en_US.ftl", "for en_US\n");
            write("guest/etc/fstab_en.ftl", "for en\n");
            fstab = render(FSTAB);
        } finally {
            Locale.setDefault(locale);
        }
        assertTrue(fstab.contains("/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 0\n"), fstab);
    }

    @Test
    void aTemplateErrorIsReportedOnceNotAlsoLoggedByFreeMarker() throws Exception {
        // without Log4j on the class path FreeMarker logs through java.util.logging, as in these tests
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger runtime = java.util.logging.Logger.getLogger("freemarker.runtime");
        runtime.addHandler(handler);
        try {
            write(FSTAB, "${guest.siteLines}\n");
            assertThrows(RenderException.class, () -> render(FSTAB));
        } finally {
            runtime.removeHandler(handler);
        }
        assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
    }

    // SPEC §16 (Trust), issue 19 point 2: a template in a POM's project is the POM author's code,
    // and a pipeline that builds pull requests runs it on the build machine. FreeMarker's ?new()
    // would instantiate any TemplateModel class: Execute runs a command, ObjectConstructor builds
    // any Java object (a reader of /etc/shadow), JythonRuntime runs Python. None resolves; the
    // refusal is the plugin's own error, naming the template, its line and column.

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
        return text(new TemplateEngine(overrides), template, Map.of("guest", GuestView.of(SeedGuest.valid())));
    }

    private static String text(TemplateEngine engine, String template, Map<String, Object> dataModel) throws RenderException {
        return new String(engine.render(template, dataModel, new Utf8Output(16)), StandardCharsets.UTF_8);
    }

    private void write(String template, String text) throws Exception {
        Path file = overrides.resolve(template);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
