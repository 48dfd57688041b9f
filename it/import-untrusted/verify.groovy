// The build machine's secret (CI_TOKEN in its environment) reaches neither the written project
// nor the bundle, the tenant's VNC password is in neither the POM nor the report, and the bundle's
// xm config that holds the password given at build time is root's alone, in the folder and in
// the archive. What Maven leaves alone (a lone $) reaches the bundle byte for byte.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

Path base = basedir.toPath()
Path output = base.resolve('xenpv-import')
String log = new File(basedir, 'build.log').text
String etc = new File(basedir, 'etc-xen').canonicalPath
def read = { Path file -> new String(Files.readAllBytes(file), 'ISO-8859-1') }

// the import: the config whose disk source holds ${...} fails alone, named
assert log.contains("[ERROR] xenpv: ${etc}/rhel3_evil: source: failed: '/dev/VolGroup00/\${env.CI_TOKEN}' is not written into pom.xml: it holds \${".toString())
assert log.contains("xenpv: 1 of 2 xm configs failed to import: ${etc}/rhel3_evil.".toString())
String report = read(output.resolve('import-report.txt'))
assert report.contains("${etc}/rhel3_tenant:6: vncpasswd: check: a password: pom.xml holds \${xenpv.secret.rhel3_tenant.vncpasswd} in its place".toString())
assert report.contains("${etc}/rhel3_tenant:7: keymap: dropped: it holds \${".toString())
assert report =~ /roots\/rhel3_tenant\/etc\/fstab:2: fstab: dropped: a comment, left out of <fstabBase>: it holds \$\{/
String pom = read(output.resolve('pom.xml'))
assert pom.contains('<vncpasswd>${xenpv.secret.rhel3_tenant.vncpasswd}</vncpasswd>')
assert !pom.contains('env.CI_TOKEN') && !pom.contains('rhel3_evil')
assert pom.contains('<line># restore with $HOME/bin/restore</line>')

// nothing of the secrets anywhere the build wrote, archives unpacked
def everything = []
output.toFile().eachFileRecurse { file -> if (file.isFile()) everything << file.toPath() }
def texts = everything.collect { Path file ->
    file.toString().endsWith('.tar.gz') ? ['tar', '-xzOf', file.toString()].execute().text : read(file)
}
texts << log
texts.each { String text ->
    assert !text.contains('leaked-ci-token-42') : 'the build machine\'s secret reached what the build wrote'
    assert !text.contains('tenant-vnc-secret') : 'the config\'s password reached what the build wrote'
}

// the bundle: the password given at build time, root's alone; the tenant's text byte for byte
Path bundle = output.resolve('target/xenpv/rhel3_tenant')
Path config = bundle.resolve('dom0/etc/xen/rhel3_tenant')
assert read(config).contains('vncpasswd = "supplied-at-build"\n')
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(config)) == 'rw-------'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.resolve('README.txt'))) == 'rw-r--r--'
Path archive = output.resolve('target/rhel3-guests-1.0.0-SNAPSHOT-xenpv-rhel3_tenant.tar.gz')
String listing = ['tar', '-tvzf', archive.toString()].execute().text
assert listing =~ /(?m)^-rw------- root\/root .* rhel3_tenant\/dom0\/etc\/xen\/rhel3_tenant$/
assert listing =~ /(?m)^-rw-r--r-- root\/root .* rhel3_tenant\/README.txt$/
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)) == 'rw-------'
String fstab = read(bundle.resolve('guest/etc/fstab'))
assert fstab.contains('# restore with $HOME/bin/restore\n')
assert !fstab.contains('Authorization')

assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
return true
