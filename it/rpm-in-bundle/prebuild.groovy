// The kmod-xenpv RPM the user copies into the bundle: a stand-in built with rpmbuild (the one
// the script tests build), with the four modules where the declaration says the driver puts
// them, so install-guest.sh's preflight can read its file list.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path source = basedir.toPath().resolve('src/rpm')
Files.createDirectories(source)
// named as README.txt asks for it: kmod-xenpv*.rpm for the guest's architecture
Path userRpm = source.resolve('kmod-xenpv-0.1-5.el.x86_64.rpm')

// Without rpmbuild (outside CI only) the user's file is a plain file of that name: the build must
// keep it all the same; verify.groovy then leaves out the preflight, which reads the RPM with rpm.
if (['sh', '-c', 'command -v rpmbuild'].execute().waitFor() != 0) {
    String message = 'rpmbuild is not installed: apt-get install rpm (sudo bash .ci/run installs every checker)'
    assert !'true'.equalsIgnoreCase(System.getenv('CI')) : "CI=true but ${message}"
    println "SKIPPED: ${message}; the RPM next to install-guest.sh is a plain file, and install-guest.sh's preflight does not run"
    userRpm.toFile().text = 'not an RPM: rpmbuild was missing\n'
    basedir.toPath().resolve('target').toFile().mkdirs()
    basedir.toPath().resolve('target/no-rpmbuild').toFile().text = message
    return true
}

Path topdir = basedir.toPath().resolve('target/rpmbuild')
Files.createDirectories(topdir)
String directory = 'lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el'
String install = "mkdir -p %{buildroot}/${directory}\n" + ['xen-platform-pci', 'xen-balloon', 'xen-vbd', 'xen-vnif']
        .collect { "echo 'stand-in ${it}' > %{buildroot}/${directory}/${it}.o" }.join('\n')
Path spec = topdir.resolve('kmod-xenpv.spec')
spec.toFile().text = """Name: kmod-xenpv
Version: 0.1
Release: 5.el
Summary: stand-in for Red Hat's PV drivers of RHEL 3
License: GPL
BuildArch: noarch
AutoReqProv: no
%define debug_package %{nil}
%define __os_install_post %{nil}
%description
Four stand-in modules where kmod-xenpv puts the real ones.
%install
${install}
%files
/${directory}
"""
Process build = ['rpmbuild', '--define', "_topdir ${topdir}", '--quiet', '-bb', spec.toString()].execute()
StringBuilder out = new StringBuilder()
build.waitForProcessOutput(out, out)
assert build.exitValue() == 0 : "rpmbuild failed: ${out}"
Path rpm = topdir.resolve('RPMS/noarch/kmod-xenpv-0.1-5.el.noarch.rpm')
assert Files.isRegularFile(rpm) : "rpmbuild wrote no ${rpm}: ${out}"
Files.copy(rpm, userRpm, StandardCopyOption.REPLACE_EXISTING)
return true
