// The ops repository's kmod-xenpv RPM, an artifact it.xenpv.rpms:kmod-xenpv:0.1-5.el:rpm:x86_64:
// a stand-in built with the real rpmbuild, with the four modules where the declaration says the
// driver puts them, installed into the build's local repository as a release engineer's
// repository manager would serve it.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

evaluate(new File(itLibrary, 'stand-ins.groovy'))
Path rpm = buildDriverRpm(basedir.toPath().resolve('target/rpmbuild'), 'x86_64')
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
