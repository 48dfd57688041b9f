package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dxenpv.guest=...} in a multi-module build: a module without that guest skips with one
 * INFO line when another module of the build declares it, and the build fails when none does. The
 * harness's session is a mock; its project list is set to real projects here (it/reactor-guest-filter
 * runs the same in a real reactor).
 */
@MojoTest
class GuestFilterInReactorTest {

    @TempDir
    Path output;

    private final RecordingLog log = new RecordingLog();

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "mail")
    void aModuleWithoutTheGuestSkipsWhenAnotherModuleDeclaresIt(GenerateMojo mojo) throws Exception {
        MavenProject self = inReactor(mojo, ReactorGuestsTest.module("mail-server", "mail"));
        mojo.execute();
        assertEquals(List.of("xenpv: skipped: xenpv.guest 'mail' is not a guest of this module (declared in mail-server)"),
                log.infos());
        try (Stream<Path> written = Files.list(output)) {
            assertEquals(0, written.count());
        }
        // the module's next goal (same project) says it at debug only: one INFO line per module
        mojo.execute();
        assertEquals(1, log.infos().size(), log.infos()::toString);
        assertEquals(1, log.debugs().stream().filter(line -> line.startsWith("xenpv: skipped: ")).count());
        assertEquals(Boolean.TRUE, self.getContextValue("xenpv.guestFilterSkipLogged"));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "mail")
    void noModuleDeclaringItFailsTheBuildListingEveryModulesGuests(GenerateMojo mojo) throws Exception {
        inReactor(mojo, ReactorGuestsTest.module("app", "app1", "app2"), ReactorGuestsTest.module("docs"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' names no guest of any module in this build; "
                + "declared: two-guests: web, db; app: app1, app2", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "db")
    void theModuleThatDeclaresItWorksAsUsual(ValidateMojo mojo) throws Exception {
        inReactor(mojo, ReactorGuestsTest.module("mail-server", "mail"));
        mojo.execute();
        assertEquals(List.of("xenpv: 2 guests checked, all valid; 1 selected by xenpv.guest=db"), log.infos());
    }

    /** Puts the mojo's project (the two-guests POM, as Maven would read it) and {@code others} into the session. */
    private MavenProject inReactor(AbstractXenpvMojo mojo, MavenProject... others) throws Exception {
        if (mojo instanceof AbstractRenderingMojo) {
            setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        }
        mojo.setLog(log);
        MavenProject self = getVariableValueFromObject(mojo, "project");
        MavenProject asRead = ReactorGuestsTest.module("two-guests", "web", "db");
        MavenSession session = getVariableValueFromObject(mojo, "session");
        when(session.getProjects()).thenReturn(Stream.concat(Stream.of(asRead), Stream.of(others)).toList());
        return self;
    }
}
