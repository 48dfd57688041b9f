package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals of one project's build share Maven's plugin context: a warning, or a note about a
 * file the plugin keeps, is logged by the first goal that meets it and by no other; a guest filter
 * leaves the other guests' warnings out.
 */
@MojoTest
class WarningsOnceTest {

    private static final String POM = "src/test/projects/two-guests/pom.xml";
    private static final String WEB_KERNEL = "xenpv: guests/guest[web]/kernel: '2.4.21-47.EL' is older than RHEL 3 "
            + "Update 9 (2.4.21-50.EL): the PV drivers need Update 9 or later";

    @TempDir
    Path buildDirectory;

    /** One map per plugin and project for the whole build, as Maven keeps it. */
    private final Map<String, Object> pluginContext = new HashMap<>();

    @Test
    void eachWarningOnceAcrossTheGoalsOfABuild(
            @InjectMojo(goal = "validate", pom = POM) ValidateMojo validate,
            @InjectMojo(goal = "generate", pom = POM) GenerateMojo generate,
            @InjectMojo(goal = "bundle", pom = POM) BundleMojo bundle) throws Exception {
        RecordingLog log = new RecordingLog();
        for (AbstractXenpvMojo goal : List.of(validate, generate, bundle)) {
            prepare(goal, log);
        }
        setVariableValueToObject(bundle, "attach", false);
        validate.execute();
        generate.execute();
        Files.writeString(buildDirectory.resolve("xenpv/web/guest/kmod-xenpv-0.1-5.el.i686.rpm"), "rpm");
        bundle.execute();
        assertEquals(List.of(WEB_KERNEL), log.warnings());
        assertEquals(List.of(WEB_KERNEL, WEB_KERNEL), log.debugs().stream().filter(WEB_KERNEL::equals).toList(),
                "generate and bundle still say it at debug, for mvn -X");
        assertEquals(1, log.infos().stream().filter(line -> line.startsWith("xenpv: kept in ")).count(), log.infos()::toString);
    }

    @Test
    void aNoteAboutAKeptFileIsLoggedOncePerBuild(
            @InjectMojo(goal = "generate", pom = POM) GenerateMojo generate,
            @InjectMojo(goal = "bundle", pom = POM) BundleMojo bundle) throws Exception {
        RecordingLog log = new RecordingLog();
        prepare(generate, log);
        prepare(bundle, log);
        setVariableValueToObject(bundle, "attach", false);
        generate.execute();
        Files.writeString(buildDirectory.resolve("xenpv/web/guest/kmod-xenpv-0.1-5.el.i686.rpm"), "rpm");
        generate.execute();
        bundle.execute();
        String kept = "xenpv: kept in " + buildDirectory.resolve("xenpv/web") + ", not written by this plugin: "
                + "guest/kmod-xenpv-0.1-5.el.i686.rpm";
        assertEquals(List.of(kept), log.infos().stream().filter(line -> line.startsWith("xenpv: kept in ")).toList());
        assertEquals(List.of(kept), log.debugs().stream().filter(line -> line.startsWith("xenpv: kept in ")).toList(),
                "bundle still says it at debug, for mvn -X");
    }

    @Test
    void onlyTheSelectedGuestsWarnings(
            @InjectMojo(goal = "validate", pom = POM) ValidateMojo web,
            @InjectMojo(goal = "validate", pom = POM) ValidateMojo db) throws Exception {
        RecordingLog webLog = new RecordingLog();
        prepare(web, webLog);
        setVariableValueToObject(web, "guest", "web");
        web.execute();
        assertEquals(List.of(WEB_KERNEL), webLog.warnings());

        RecordingLog dbLog = new RecordingLog();
        prepare(db, dbLog);
        db.setPluginContext(new HashMap<>());
        setVariableValueToObject(db, "guest", "db");
        db.execute();
        assertEquals(List.of(), dbLog.warnings());
    }

    private void prepare(AbstractXenpvMojo goal, RecordingLog log) throws IllegalAccessException {
        if (goal instanceof AbstractRenderingMojo) {
            setVariableValueToObject(goal, "buildDirectory", buildDirectory.toFile());
            setVariableValueToObject(goal, "outputDirectory", buildDirectory.resolve("xenpv").toFile());
        }
        goal.setPluginContext(pluginContext);
        goal.setLog(log);
    }
}
