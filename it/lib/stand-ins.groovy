// What the ITs' scripts share, loaded with evaluate(new File(itLibrary, 'stand-ins.groovy')), which
// puts these closures into the calling script's binding:
//   buildDriverRpm(Path topdir, String arch): a stand-in kmod-xenpv 0.1-5.el RPM, built with the
//     real rpmbuild, with the four modules where a RHEL 3 guest of driver kernel 2.4.21-52.EL and
//     driver release 0.1-5.el has them, so install-guest.sh's preflight can read its file list.
//   preflight(Path installGuest, Path root): install-guest.sh --root --offline --dry-run on a fresh
//     scratch root holding the declared kernel 2.4.21-52.EL and RHEL 3's stock files; its output.
import java.nio.file.Files
import java.nio.file.Path

buildDriverRpm = { Path topdir, String arch ->
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
    Process build = ['rpmbuild', '--define', "_topdir ${topdir}", '--quiet', '--target', arch, '-bb', spec.toString()].execute()
    StringBuilder out = new StringBuilder()
    build.waitForProcessOutput(out, out)
    assert build.exitValue() == 0 : "rpmbuild failed: ${out}"
    Path rpm = topdir.resolve("RPMS/${arch}/kmod-xenpv-0.1-5.el.${arch}.rpm")
    assert Files.isRegularFile(rpm) : "rpmbuild wrote no ${rpm}: ${out}"
    return rpm
}

preflight = { Path installGuest, Path root ->
    ['etc/rc.d', 'boot/grub', 'var/lock/subsys', 'lib/modules/2.4.21-52.EL'].each { Files.createDirectories(root.resolve(it)) }
    root.resolve('etc/fstab').toFile().text = 'LABEL=/ / ext3 defaults 1 1\n'
    root.resolve('etc/modules.conf').toFile().text = 'alias eth0 8139too\n'
    root.resolve('etc/rc.d/rc.local').toFile().text = '#!/bin/sh\ntouch /var/lock/subsys/local\n'
    root.resolve('boot/grub/grub.conf').toFile().text = 'default=0\ntitle RHEL (2.4.21-52.EL)\n\troot (hd0,0)\n\tkernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/\n'
    Process run = ['sh', installGuest.toString(), '--root', root.toString(), '--offline', '--dry-run'].execute()
    StringBuilder said = new StringBuilder()
    run.waitForProcessOutput(said, said)
    return said.toString()
}
