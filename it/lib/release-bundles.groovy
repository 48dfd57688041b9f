// Shared by it/maven-compat/rhel4 and rhel5 (basedir names the release): both guests' bundles
// match their golden files byte for byte, with the modes SPEC §5 gives, and both archives are
// attached; under the maven-3.9 and maven-4 executions, that Maven ran the build.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.attribute.PosixFilePermissions

String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
def files = { Path root ->
    Files.walk(root).withCloseable { walk ->
        walk.filter { Files.isRegularFile(it) }.collect { root.relativize(it).toString() }.sort()
    }
}
String release = basedir.name
['kmod', 'inkernel'].each { kind ->
    String guest = "${release}_${kind}"
    Path out = basedir.toPath().resolve("target/xenpv/${guest}")
    Path golden = Paths.get(goldenDirectory).resolve(guest)
    assert files(out) == files(golden)
    files(golden).each { name ->
        assert Arrays.equals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(golden.resolve(name))) : "$guest/$name differs from its golden file"
        def mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name)))
        def executable = name.endsWith('.sh') || name == 'guest/etc/rc.modules' || name.startsWith('guest/usr/local/sbin/')
        assert mode == (executable ? 'rwxr-xr-x' : 'rw-r--r--') : "$guest/$name has mode $mode"
    }
    assert Files.isRegularFile(basedir.toPath().resolve("target/${release}-guests-1.0.0-xenpv-${guest}.tar.gz"))
    assert log.contains("attached as tar.gz:xenpv-${guest}")
}
assert log.contains('xenpv: 2 guests checked, all valid')
return true
