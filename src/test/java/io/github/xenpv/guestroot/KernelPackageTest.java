package io.github.xenpv.guestroot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the rpm query is waited for. The database's own reading is tested with this machine's real
 * rpm in {@code ArchFromRootTest}; here the command is a stand-in that only waits, which cannot show
 * anything of rpm itself.
 */
class KernelPackageTest {

    @TempDir
    Path folder;

    /**
     * A build interrupted (Maven stopping a parallel build) while rpm runs stops waiting for it, says
     * so, and leaves the thread interrupted for the caller to see, as every blocking call must.
     */
    @Test
    void anInterruptedBuildStopsWaitingForRpmAndStaysInterrupted() throws Exception {
        Path root = Files.createDirectories(folder.resolve("root"));
        Files.createDirectories(root.resolve("var/lib/rpm"));
        Files.writeString(root.resolve("var/lib/rpm/Packages"), "");
        Path rpm = folder.resolve("rpm");
        Files.writeString(rpm, "#!/bin/sh\nexec sleep 600\n");
        Files.setPosixFilePermissions(rpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        KernelPackage.Lookup lookup;
        boolean interrupted;
        Thread.currentThread().interrupt();
        try {
            lookup = KernelPackage.of(GuestRoot.at(root), "2.4.21-52.EL", rpm.toString());
        } finally {
            interrupted = Thread.interrupted();
        }
        assertTrue(interrupted, "the interrupt is kept");
        assertEquals(Optional.empty(), lookup.found());
        assertTrue(lookup.why().startsWith("this machine's rpm cannot read " + root.toRealPath() + "/var/lib/rpm: interrupted while "
                + rpm + " ran"), lookup.why());
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
