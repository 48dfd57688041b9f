// The user's fstab template replaced the plugin's; every other file is still the golden one, and
// SHA256SUMS covers the overridden file too.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

Path out = basedir.toPath().resolve('target/xenpv/rhel3_64_fv')
Path golden = Paths.get(goldenDirectory).resolve('rhel3_64_fv')
String fstab = new String(Files.readAllBytes(out.resolve('guest/etc/fstab')), 'UTF-8')
assert fstab.startsWith('# fstab of rhel3_64_fv, site layout (src/main/xenpv/guest/etc/fstab.ftl)\n')
assert fstab.contains('\n/dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults,noatime 1 0\n')
assert fstab.contains('\n# BEGIN xenpv-maven-plugin block, guest rhel3_64_fv\n')
['README.txt', 'dom0/etc/xen/rhel3_64_fv', 'guest/etc/modules.conf', 'guest/boot/grub/grub.conf'].each { name ->
    assert Arrays.equals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(golden.resolve(name))) : "$name changed"
}
def check = new ProcessBuilder('sha256sum', '-c', '--strict', 'SHA256SUMS').directory(out.toFile()).redirectErrorStream(true).start()
String checked = check.inputStream.text
assert check.waitFor() == 0 : checked
assert checked.contains('guest/etc/fstab: OK')
assert Files.isRegularFile(basedir.toPath().resolve('target/user-template-1.0.0-xenpv-rhel3_64_fv.tar.gz'))
return true
