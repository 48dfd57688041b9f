// What each of invoker.properties' five builds left: the clash named with both modules, the
// one-guest deploy refused, the left-out module named, a complete release of both modules whose
// bundles carry the driver RPM with its checksum (install-guest.sh finds it), and no second
// attachment of an archive.
import java.nio.file.Files
import java.nio.file.Path

String log = new File(basedir, 'build.log').text
if (binding.hasVariable('expectedMavenVersion')) {
    assert log.contains("Apache Maven ${expectedMavenVersion}") : "not run by Maven ${expectedMavenVersion}"
}
def has = { String text -> assert log.contains(text) : "missing from build.log: ${text}" }

// 1: the clash, at this module's elements, naming the other module (whichever module failed first)
String other = log.contains("in module web-tier: another guest has the same name") ? 'web-tier' : 'db-tier'
String guest = 'guests/guest[web01]'
has("problems in the guest declarations of module ${other == 'web-tier' ? 'db-tier' : 'web-tier'}:")
has("${guest}/name: 'web01' is also at ${guest}/name in module ${other}: another guest has the same name")
has("${guest}/networks/network[1]/mac: '00:16:3e:10:00:01' is also at ${guest}/networks/network[1]/mac in module ${other}: the MAC is already used")
has("${guest}/bootDisk/source: '/var/lib/xen/images/web01.img' is also used by ${guest}/bootDisk/source in module ${other}: two guests writing one image or device corrupt its file systems")

// 2: one guest in a build that deploys
has("guest: 'db01' (xenpv.guest) in a build that runs deploy would publish a partial release")
has('set xenpv.allowPartialRelease (-Dxenpv.allowPartialRelease=true) to publish the part')

// 3: -pl leaves out the module that declares the guest
has("xenpv: xenpv.guest 'web01' is a guest of module web-tier, which this build leaves out (-pl): add it to the modules it builds, e.g. -pl :db-tier,:web-tier")

// 4: the release: both modules, every guest, each bundle carrying the RPM
Path repository = Path.of(deployRepository).resolve('it/xenpv/release')
File dist = new File(basedir, 'dist')
def run = { List<String> command, File directory ->
    def process = command.execute(null, directory)
    def out = new StringBuilder()
    process.waitForProcessOutput(out, out)
    assert process.exitValue() == 0 : "${command} failed: ${out}"
    out.toString()
}
['web-tier': ['web01', 'web02'], 'db-tier': ['db01']].each { module, guests ->
    Path release = repository.resolve("${module}/2.3.0")
    assert Files.isRegularFile(release.resolve("${module}-2.3.0.pom")) : "${module} was not deployed: ${release}"
    guests.each { name ->
        Path archive = release.resolve("${module}-2.3.0-xenpv-${name}.tar.gz")
        assert Files.isRegularFile(archive) : "${module} was deployed without ${name}'s bundle: ${release.toFile().list()}"
        String entries = run(['tar', '-tzf', archive.toString()], basedir)
        assert entries.contains("${name}/guest/kmod-xenpv-0.1-5.el.x86_64.rpm\n") : entries
        dist.mkdirs()
        run(['tar', '-xzf', archive.toString(), '-C', dist.path], basedir)
        String sums = run(['sha256sum', '-c', 'SHA256SUMS'], new File(dist, name))
        assert sums.contains('guest/kmod-xenpv-0.1-5.el.x86_64.rpm: OK') && sums.readLines().every { it.endsWith(': OK') } : sums
    }
}
// clean deploy: the bundle folders were rebuilt from nothing, the RPM with them
assert new File(basedir, 'web-tier/target/xenpv/web01/guest/kmod-xenpv-0.1-5.el.x86_64.rpm').isFile()

// install-guest.sh of the released bundle finds the RPM next to it and reads from it where its
// modules go, in a scratch root with the declared kernel
if (System.getProperty('user.name') != 'root' && 'id -u'.execute().text.trim() != '0') {
    assert System.getenv('CI') != 'true' : 'install-guest.sh needs root, which CI has'
    println 'SKIPPED: install-guest.sh preflight needs root'
} else {
    evaluate(new File(itLibrary, 'stand-ins.groovy'))
    String said = preflight(new File(dist, 'web01/guest/install-guest.sh').toPath(), basedir.toPath().resolve('target/scratch-root'))
    assert said.contains('install-guest.sh: preflight: done') : said
    assert said.contains('install-guest.sh: rpm: would run rpm -ivh kmod-xenpv-0.1-5.el.x86_64.rpm --noscripts --notriggers (dry run)') : said
}

// 5: package, then the bundle goal in the same build: the archives are attached once
has('web01.tar.gz unchanged, already attached as tar.gz:xenpv-web01')
assert !log.readLines().any { it.startsWith('[WARNING]') && it.contains('already attached') } :
        log.readLines().findAll { it.contains('already attached') }.join('\n')

assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the build log'
return true
