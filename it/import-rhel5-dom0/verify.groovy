// An operator's import of a RHEL 5 dom0's /etc/xen (virt-install configs, one edited by hand over
// years, one guest moved by hand, one PV guest booted by pygrub) with its guests' mounted roots:
// every HVM config imports, the PV one is skipped with one line, the report
// says line for line what happened to every key, the written pom.xml is the expected one, and that
// project builds as written into bundles whose xm configs have PV disks and NICs only.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
Path output = base.resolve('xenpv-import')
String log = new File(basedir, 'build.log').text
def read = { Path file -> new String(Files.readAllBytes(file), 'UTF-8') }

def expected = { String name ->
    new File(basedir, name).text.replace('@basedir@', base.toString()).replace('@pluginVersion@', pluginVersion)
}
def sameLines = { String what, String actual, String wanted ->
    List<String> a = actual.readLines()
    List<String> w = wanted.readLines()
    for (int i = 0; i < Math.max(a.size(), w.size()); i++) {
        if (a[i] != w[i]) {
            throw new AssertionError("$what, line ${i + 1}:\n  expected: ${w[i]}\n  actual:   ${a[i]}".toString())
        }
    }
}
sameLines('import-report.txt', read(output.resolve('import-report.txt')), expected('expected-import-report.txt'))
sameLines('pom.xml', read(output.resolve('pom.xml')), expected('expected-pom.xml'))

// the import goal: its summary, and each change logged with its file and line
assert log.contains("xenpv: 4 of 5 xm configs (1 skipped: not an HVM guest) imported into ${output.resolve('pom.xml')}; every key is accounted for in ${output.resolve('import-report.txt')}")
// the PV guest beside them (pygrub) is one line, and the import does not fail for it
assert log.readLines().findAll { it.contains('rhel5_pv') } == ["[INFO] xenpv: ${base}/etc-xen/rhel5_pv: builder: skipped: a para-virtualized guest (builder not set: xm's linux, bootloader '/usr/bin/pygrub'), not an HVM one: it runs the PV drivers already, and the plugin moves fully virtualized guests onto them".toString()]
assert log.contains("[INFO] xenpv: ${base}/etc-xen/rhel3_web:22: vif[1]: dropped: type=ioemu: an emulated NIC only, which the PV driver never sees (procedure step 6)")
assert log.contains("[WARNING] xenpv: ${base}/roots/rhel3_db/etc/fstab:8: LABEL=/home: check: cannot be tied to a disk")
assert !log.contains(': kept: ') : 'what is kept as it is belongs to the report, not the log'

// the written project, built as written
['rhel3_app', 'rhel3_db', 'rhel3_mail', 'rhel3_web'].each { guest ->
    assert Files.isRegularFile(output.resolve("target/rhel3-guests-1.0.0-SNAPSHOT-xenpv-${guest}.tar.gz")) : "$guest has no archive"
    String xm = read(output.resolve("target/xenpv/${guest}/dom0/etc/xen/${guest}"))
    assert !xm.contains('type=ioemu') && !xm.contains('ioemu:') && !xm.contains('cdrom') : "$guest keeps emulated devices:\n$xm"
}
// the operator's choices stay: rhel3_web's fixed VNC port and serial log, rhel3_mail's crash action
String web = read(output.resolve('target/xenpv/rhel3_web/dom0/etc/xen/rhel3_web'))
assert web.contains('\nvncunused = 0\nserial = "file:/var/log/xen/rhel3_web.serial"\n') : web
assert web.contains('\nvncdisplay = 11\n') && (web =~ /(?m)^vncunused =/).count == 1 : web
assert read(output.resolve('target/xenpv/rhel3_mail/dom0/etc/xen/rhel3_mail')).contains('\non_crash = "preserve"\n')
String db = read(output.resolve('target/xenpv/rhel3_db/dom0/etc/xen/rhel3_db'))
assert db.contains('disk = [ "file:/var/lib/xen/images/rhel3_db.img,hda,w", "tap:aio:/var/lib/xen/images/rhel3_db_data.img,xvda,w", "tap:aio:/var/lib/xen/images/rhel3_db_archive.img,xvdb,r" ]')
assert db.contains('vif = [ "mac=00:16:3e:3a:7c:02,bridge=xenbr0", "mac=00:16:3e:3a:7c:03,bridge=xenbr1" ]')
assert db.contains('uuid = "9d2e4f60-1a3b-4c5d-8e7f-0a1b2c3d4e5f"')
String webFstab = read(output.resolve('target/xenpv/rhel3_web/guest/etc/fstab'))
assert webFstab.contains('#xenpv-replaced# /dev/hdb1               /var/www                ext3    defaults        1 2\n')
assert webFstab.contains('\n/dev/xvda1 /var/www ext3 defaults 1 0\n/dev/xvda2 swap swap defaults,noauto 0 0\n')
String mailGrub = read(output.resolve('target/xenpv/rhel3_mail/guest/boot/grub/grub.conf'))
assert mailGrub.contains('\tkernel /vmlinuz-2.4.21-52.EL ro root=/dev/hda2 console=tty0 console=ttyS0,115200 noapic\n')
String webModules = read(output.resolve('target/xenpv/rhel3_web/guest/etc/modules.conf'))
assert webModules.startsWith('#xenpv-replaced# alias eth0 8139too\nalias scsi_hostadapter off\n')
assert read(output.resolve('target/xenpv/rhel3_web/guest/usr/local/sbin/xenpv-verify')).contains('2.4.21-57.ELsmp') ||
        read(output.resolve('target/xenpv/rhel3_web/guest/install-guest.sh')).contains('2.4.21-57.ELsmp')

assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
return true
