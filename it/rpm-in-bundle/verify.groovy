// After the rebuild the user's RPM is still next to install-guest.sh, the build said it kept it
// (and removed nothing), the new value is in the bundle, and install-guest.sh's preflight finds
// the RPM, run in a scratch root.
import java.nio.file.Files
import java.nio.file.Path

Path bundle = basedir.toPath().resolve('target/xenpv/rhel3_64_fv')
Path rpm = bundle.resolve('guest/kmod-xenpv-0.1-5.el.x86_64.rpm')
assert Files.isRegularFile(rpm) : 'the rebuild removed the RPM'
assert Arrays.equals(Files.readAllBytes(rpm), new File(basedir, 'src/rpm/kmod-xenpv-0.1-5.el.x86_64.rpm').bytes)
assert bundle.resolve('dom0/etc/xen/rhel3_64_fv').toFile().text.contains('memory = 1024') : 'the value change did not reach the bundle'

String log = new File(basedir, 'build.log').text
String kept = "xenpv: kept in ${bundle}, not written by this plugin: guest/kmod-xenpv-0.1-5.el.x86_64.rpm"
assert log.count(kept) == 1 : "expected the RPM named once in the build that kept it:\n" + log.readLines().findAll { it.contains('xenpv:') }.join('\n')
assert !(log =~ /[1-9][0-9]* removed/) : 'a rebuild removed files'

// The archive holds only the plugin's files: the RPM is the user's, not part of the bundle.
String entries = ['tar', '-tzf', new File(basedir, 'target/rpm-in-bundle-1.0.0-xenpv-rhel3_64_fv.tar.gz').path].execute().text
assert entries.contains('rhel3_64_fv/guest/install-guest.sh')
assert !entries.contains('kmod-xenpv') : entries

// install-guest.sh --root on a scratch root with the declared kernel: preflight finds the RPM next
// to the script and reads from it that it installs the modules where the declaration says.
File noRpmbuild = new File(basedir, 'target/no-rpmbuild')
if (noRpmbuild.exists()) {
    println "SKIPPED: install-guest.sh preflight reads the RPM with rpm, and ${noRpmbuild.text}"
    return true
}
if (System.getProperty('user.name') != 'root' && 'id -u'.execute().text.trim() != '0') {
    assert System.getenv('CI') != 'true' : 'install-guest.sh needs root, which CI has'
    println 'SKIPPED: install-guest.sh preflight needs root'
    return true
}
evaluate(new File(itLibrary, 'stand-ins.groovy'))
String said = preflight(bundle.resolve('guest/install-guest.sh'), basedir.toPath().resolve('target/scratch-root'))
assert said.contains('install-guest.sh: preflight: done') : said
assert said.contains('install-guest.sh: rpm: would run rpm -ivh kmod-xenpv-0.1-5.el.x86_64.rpm --noscripts --notriggers (dry run)') : said
return true
