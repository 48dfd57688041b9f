// The ops repository's kmod-xenpv RPM, an artifact it.xenpv.rpms:kmod-xenpv:0.1-5.el:rpm:x86_64:
// a stand-in built with the real rpmbuild, with the four modules where the declaration says the
// driver puts them, installed into the build's local repository as a release engineer's
// repository manager would serve it.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

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
Process build = ['rpmbuild', '--define', "_topdir ${topdir}", '--quiet', '--target', 'x86_64', '-bb', spec.toString()].execute()
StringBuilder out = new StringBuilder()
build.waitForProcessOutput(out, out)
assert build.exitValue() == 0 : "rpmbuild failed: ${out}"
Path rpm = topdir.resolve('RPMS/x86_64/kmod-xenpv-0.1-5.el.x86_64.rpm')
assert Files.isRegularFile(rpm) : "rpmbuild wrote no ${rpm}: ${out}"
Path artifact = (localRepositoryPath instanceof File ? localRepositoryPath : new File(localRepositoryPath.toString())).toPath().resolve('it/xenpv/rpms/kmod-xenpv/0.1-5.el')
Files.createDirectories(artifact)
Files.copy(rpm, artifact.resolve('kmod-xenpv-0.1-5.el-x86_64.rpm'), StandardCopyOption.REPLACE_EXISTING)
artifact.resolve('kmod-xenpv-0.1-5.el.pom').toFile().text = '''<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.xenpv.rpms</groupId>
  <artifactId>kmod-xenpv</artifactId>
  <version>0.1-5.el</version>
  <packaging>pom</packaging>
</project>
'''
return true
