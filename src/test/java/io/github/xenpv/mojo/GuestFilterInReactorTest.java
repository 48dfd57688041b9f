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
        MavenProject self = inReactor(mojo, ReactorGuestsTest.module("app", "app1", "app2"), ReactorGuestsTest.module("docs"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' names no guest of any module in this build; "
                + "declared: " + self.getArtifactId() + ": web, db; app: app1, app2", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "db")
    void theModuleThatDeclaresItWorksAsUsual(ValidateMojo mojo) throws Exception {
        inReactor(mojo, ReactorGuestsTest.module("mail-server", "mail"));
        mojo.execute();
        assertEquals(List.of("xenpv: 2 guests checked, all valid; 1 selected by xenpv.guest=db"), log.infos());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    void aGuestNameAnotherModuleDeclaresFailsNamingThatModule(ValidateMojo mojo) throws Exception {
        MavenProject self = inReactor(mojo, ReactorGuestsTest.module("web-tier", "web"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        // the header names this module, the problem the other: both modules of the clash in one message
        assertEquals("xenpv: 2 problems in the guest declarations of module " + self.getArtifactId() + ":\n  guests/guest[web]/name: 'web' is also at "
                + "guests/guest[web]/name in module web-tier: another guest has the same name; it names the file "
                + "/etc/xen/<name>\n  guests/guest[web]/networks/network[1]/mac: '00:16:3e:43:14:42' is also at "
                + "guests/guest[web]/networks/network[1]/mac in module web-tier: the derived MAC is already used; declare "
                + "<mac> for this network", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "db")
    void oneGuestInABuildThatDeploysIsRefused(ValidateMojo mojo) throws Exception {
        MavenProject self = inReactor(mojo, ReactorGuestsTest.module("mail-server", "mail"));
        MavenSession session = getVariableValueFromObject(mojo, "session");
        when(session.getGoals()).thenReturn(List.of("clean", "org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 problem in the plugin configuration of module " + self.getArtifactId() + ":\n  guest: 'db' (xenpv.guest) in a build that runs "
                + "org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy would publish a partial release: this guest's "
                + "bundle alone, and the other guests' module versions without their bundles, which a repository that "
                + "refuses redeploys then keeps. Leave out xenpv.guest to release every guest, or set "
                + "xenpv.allowPartialRelease (-Dxenpv.allowPartialRelease=true) to publish the part",
                failure.getMessage());
        when(session.getGoals()).thenReturn(List.of("install"));
        assertThrows(MojoFailureException.class, mojo::execute);
        when(session.getGoals()).thenReturn(List.of("package", "install:install-file", "site-deploy"));
        mojo.execute();
        when(session.getGoals()).thenReturn(List.of("deploy"));
        setVariableValueToObject(mojo, "allowPartialRelease", true);
        mojo.execute();
        assertEquals(List.of("xenpv: 2 guests checked, all valid; 1 selected by xenpv.guest=db",
                "xenpv: 2 guests checked, all valid; 1 selected by xenpv.guest=db"), log.infos());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "mail")
    void aGuestOfAModuleThatDashPlLeavesOutIsNamedWithThatModule(ValidateMojo mojo) throws Exception {
        inReactor(mojo);
        MavenSession session = getVariableValueFromObject(mojo, "session");
        List<MavenProject> built = session.getProjects();
        when(session.getAllProjects()).thenReturn(Stream.concat(built.stream(),
                Stream.of(ReactorGuestsTest.module("mail-tier", "mail"), ReactorGuestsTest.module("docs"))).toList());
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' is a guest of module mail-tier, which this build leaves out (-pl): add it "
                + "to the modules it builds, e.g. -pl :" + built.get(0).getArtifactId() + ",:mail-tier", failure.getMessage());

        when(session.getAllProjects()).thenReturn(Stream.concat(built.stream(), Stream.of(ReactorGuestsTest.module("docs")))
                .toList());
        failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' names no guest of the modules of this build, nor of the ones it leaves "
                + "out; declared: " + built.get(0).getArtifactId() + ": web, db", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "mail")
    void aBuildOfThisModuleAloneNamesItsGuestsWithoutModuleNames(ValidateMojo mojo) throws Exception {
        inReactor(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' names no declared guest; declared: web, db", failure.getMessage());
    }

    /** Puts the mojo's project (the two-guests POM, as Maven would read it) and {@code others} into the session. */
    private MavenProject inReactor(AbstractXenpvMojo mojo, MavenProject... others) throws Exception {
        if (mojo instanceof AbstractRenderingMojo) {
            setVariableValueToObject(mojo, "buildDirectory", output.toFile());
            setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        }
        mojo.setLog(log);
        MavenProject self = getVariableValueFromObject(mojo, "project");
        MavenProject asRead = ReactorGuestsTest.module("two-guests", "web", "db");
        // the same module: its guests are this mojo's own, not another module's to clash with
        asRead.setGroupId(self.getGroupId());
        asRead.setArtifactId(self.getArtifactId());
        MavenSession session = getVariableValueFromObject(mojo, "session");
        when(session.getProjects()).thenReturn(Stream.concat(Stream.of(asRead), Stream.of(others)).toList());
        return self;
    }
}
