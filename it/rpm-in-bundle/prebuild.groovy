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

evaluate(new File(itLibrary, 'stand-ins.groovy'))
Files.copy(buildDriverRpm(basedir.toPath().resolve('target/rpmbuild'), 'noarch'), userRpm, StandardCopyOption.REPLACE_EXISTING)
return true
