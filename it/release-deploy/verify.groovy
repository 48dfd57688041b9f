// mvn deploy -DaltDeploymentRepository=ops-releases::file://... publishes the POM and the bundle
// archive by classifier; what a consumer fetches unpacks with tar and passes sha256sum -c (README,
// "Release pipeline").
import java.nio.file.Files
import java.nio.file.Path

String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
assert log.contains('BUILD SUCCESS')
// the example pins every plugin Maven binds to it: Maven 4 names any it has to choose itself
assert !log.contains('Version not locked') : log.readLines().find { it.contains('Version not locked') }
Path repository = Path.of(deployRepository)
Path release = repository.resolve('it/xenpv/release-deploy/1.0.0')
Path archive = release.resolve('release-deploy-1.0.0-xenpv-rhel3_64_fv.tar.gz')
assert Files.isRegularFile(release.resolve('release-deploy-1.0.0.pom'))
assert Files.isRegularFile(archive) : "nothing deployed to ${release}: ${release.toFile().list()}"
assert Files.isRegularFile(release.resolve('release-deploy-1.0.0-xenpv-rhel3_64_fv.tar.gz.sha1'))
assert Arrays.equals(Files.readAllBytes(archive), Files.readAllBytes(basedir.toPath().resolve('target/release-deploy-1.0.0-xenpv-rhel3_64_fv.tar.gz')))
assert Files.readString(repository.resolve('it/xenpv/release-deploy/maven-metadata.xml')).contains('<release>1.0.0</release>')

File dist = new File(basedir, 'dist')
dist.mkdirs()
def run = { List<String> command, File directory ->
    def process = command.execute(null, directory)
    def out = new StringBuilder()
    process.waitForProcessOutput(out, out)
    assert process.exitValue() == 0 : "${command} failed: ${out}"
    out.toString()
}
run(['tar', '-xzf', archive.toString(), '-C', dist.path], basedir)
String sums = run(['sha256sum', '-c', 'SHA256SUMS'], new File(dist, 'rhel3_64_fv'))
assert sums.readLines().size() == 11 && sums.readLines().every { it.endsWith(': OK') } : sums
return true
