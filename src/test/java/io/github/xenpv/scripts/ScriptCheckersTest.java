package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed guest's install and verify scripts pass shellcheck -s sh and the syntax checks of dash, busybox sh and bash --posix. */
class ScriptCheckersTest {

    @TempDir
    Path out;
    Path bundle;

    /** Per test, not per class: mutation testing credits each test only with the code run inside it. */
    @BeforeEach
    void generate() throws Exception {
        bundle = ScratchGuest.generateSeedBundle(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"guest/install-guest.sh", "guest/usr/local/sbin/xenpv-verify", "dom0/install-dom0.sh"})
    void isCleanPosixSh(String script) {
        Checkers.shellScript(bundle.resolve(script));
    }
}
