// generate + bundle ran under the Maven this execution names, and gave the same archive bytes as
// the Maven 3.8.7 build of the same guest (it/bundle-reproducible).
import java.nio.file.Files
import java.nio.file.Path

String log = new File(basedir, 'build.log').text
assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
Path archive = basedir.toPath().resolve('target/maven-compat-1.0.0-xenpv-rhel3_64_fv.tar.gz')
assert Files.isRegularFile(archive)
assert Files.isRegularFile(basedir.toPath().resolve('target/xenpv/rhel3_64_fv/README.txt'))
assert Arrays.equals(Files.readAllBytes(archive), Files.readAllBytes(Path.of(referenceArchive))) :
        "Maven ${expectedMavenVersion} built a different archive than Maven 3.8.7"
assert log.contains('attached as tar.gz:xenpv-rhel3_64_fv')
return true
