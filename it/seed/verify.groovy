// The seed guest's bundle must match the golden files byte for byte, with the modes SPEC §5 gives.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.attribute.PosixFilePermissions

Path out = basedir.toPath().resolve('target/xenpv/rhel3_64_fv')
Path golden = Paths.get(goldenDirectory).resolve('rhel3_64_fv')
def files = { Path root ->
    Files.walk(root).withCloseable { walk ->
        walk.filter { Files.isRegularFile(it) }.collect { root.relativize(it).toString() }.sort()
    }
}
assert files(out) == files(golden)
files(golden).each { name ->
    assert Arrays.equals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(golden.resolve(name))) : "$name differs from its golden file"
    def mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name)))
    def executable = name.endsWith('.sh') || name in ['guest/etc/rc.d/rc.local', 'guest/etc/rc.modules'] || name.startsWith('guest/usr/local/sbin/') || name.startsWith('guest/sbin/')
    assert mode == (executable ? 'rwxr-xr-x' : 'rw-r--r--') : "$name has mode $mode"
}
String log = new File(basedir, 'build.log').text
assert log.contains('xenpv: 1 guest checked, valid')
assert log.contains('xenpv: 1 guest rendered into') && log.contains(': 12 files written, 0 unchanged, 0 removed')
return true
