// Two builds from clean give byte-identical archives; the archives list as SPEC §5/§8 say; the
// unpacked bundle (from the tar.gz and from the zip alike) passes the real sha256sum -c; install put the attached archives in the local repository.
import java.nio.file.Files
import java.nio.file.Path
import java.security.MessageDigest

Path base = basedir.toPath()
String name = 'rhel3_64_fv'
String archive = "bundle-reproducible-1.0.0-xenpv-${name}"
def sha256 = { Path file -> MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(file)).encodeHex().toString() }
def run = { List<String> command, File dir = basedir ->
    def builder = new ProcessBuilder(command.collect { it.toString() }).directory(dir).redirectErrorStream(true)
    builder.environment().put('TZ', 'UTC')
    def process = builder.start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "${command.join(' ')} failed:\n$out"
    out
}

['tar.gz', 'zip'].each { format ->
    Path first = base.resolve("target/${archive}.${format}")
    Path second = base.resolve("target-second/${archive}.${format}")
    assert Files.isRegularFile(first) && Files.isRegularFile(second)
    assert sha256(first) == sha256(second) : "the two builds' ${format} archives differ"
    Path installed = Path.of(localRepositoryPath.toString(), "it/xenpv/bundle-reproducible/1.0.0/${archive}.${format}")
    assert Files.isRegularFile(installed) : "install did not put ${installed} in the local repository"
    assert sha256(installed) == sha256(second)
}

// GNU tar's own listing: sorted entries, directories included, modes, owner 0/0, the outputTimestamp.
def executables = ['guest/etc/rc.d/rc.local', 'guest/etc/rc.modules', 'guest/sbin/xenpv-mknod',
                   'guest/usr/local/sbin/xenpv-verify', 'guest/install-guest.sh', 'dom0/install-dom0.sh']
List<String> listing = run(['tar', '--numeric-owner', '-tvzf', "target/${archive}.tar.gz"]).readLines()
List<String> names = listing.collect { it.split(/ +/, 6)[5] }
assert names == names.toSorted() : "entries are not sorted: $names"
assert names[0] == "${name}/".toString()
assert names.containsAll(["${name}/README.txt", "${name}/SHA256SUMS", "${name}/guest/etc/rc.d/", "${name}/dom0/etc/xen/${name}"]*.toString())
listing.each { line ->
    def (mode, owner, size, date, time, path) = line.split(/ +/, 6)
    String inBundle = path.substring(name.length() + 1)
    String expected = path.endsWith('/') ? 'drwxr-xr-x' : inBundle in executables ? '-rwxr-xr-x' : '-rw-r--r--'
    assert mode == expected : "$path has mode $mode"
    assert owner == '0/0' : "$path is owned by $owner"
    assert "$date $time" == '2026-01-01 00:00' : "$path has time $date $time"
}
String names2 = run(['tar', '-tvzf', "target/${archive}.tar.gz"])
assert names2.readLines().every { it.split(/ +/)[1] == 'root/root' }

// The gzip header carries no time and no file name.
byte[] header = Files.readAllBytes(base.resolve("target/${archive}.tar.gz"))[0..9] as byte[]
assert header[3] == 0 && header[4..7].every { it == 0 } : "gzip header has a name or a time: $header"

// Unpacked, the bundle checks out with the real sha256sum, and each file's mode comes through.
File unpacked = new File(basedir, 'unpacked')
unpacked.mkdirs()
run(['tar', '-xzf', "../target/${archive}.tar.gz"], unpacked)
String checked = run(['sha256sum', '-c', '--strict', 'SHA256SUMS'], new File(unpacked, name))
assert checked.readLines().every { it.endsWith(': OK') } && checked.readLines().size() >= 8 : checked

// The zip keeps the same entries, Unix modes and time.
String zipListing = run(['python3', '-c', '''
import sys, zipfile
for info in zipfile.ZipFile(sys.argv[1]).infolist():
    print(oct(info.external_attr >> 16), '%04d-%02d-%02d %02d:%02d:%02d' % info.date_time, info.filename)
''', "target/${archive}.zip"])
List<String> zipLines = zipListing.readLines()
assert zipLines.collect { it.split(' ', 4)[3] } == names
zipLines.each { line ->
    def (mode, date, time, path) = line.split(' ', 4)
    String inBundle = path.substring(name.length() + 1)
    assert mode == (path.endsWith('/') ? '0o40755' : inBundle in executables ? '0o100755' : '0o100644') : line
    assert "$date $time" == '2026-01-01 00:00:00' : line
}

// Unzipped, the same files with the same bytes as the tar.gz's, and they pass sha256sum -c too
// (a listing alone would not notice entries written empty).
File unzipped = new File(basedir, 'unzipped')
unzipped.mkdirs()
run(['python3', '-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
     "target/${archive}.zip", unzipped.path])
def regularFiles = { File dir -> Path root = dir.toPath(); Files.walk(root).withCloseable { walk ->
    walk.filter { Files.isRegularFile(it) }.collect { root.relativize(it).toString() }.sort() } }
List<String> tarFiles = regularFiles(new File(unpacked, name))
assert regularFiles(new File(unzipped, name)) == tarFiles
tarFiles.each { file ->
    byte[] fromZip = Files.readAllBytes(unzipped.toPath().resolve(name).resolve(file))
    assert fromZip.length > 0 && fromZip == Files.readAllBytes(unpacked.toPath().resolve(name).resolve(file)) : "zip entry ${file} differs from the tar.gz's"
}
String zipChecked = run(['sha256sum', '-c', '--strict', 'SHA256SUMS'], new File(unzipped, name))
assert zipChecked.readLines().every { it.endsWith(': OK') } && zipChecked.readLines().size() == tarFiles.size() - 1 : zipChecked

String log = new File(basedir, 'build.log').text
assert log.contains("attached as tar.gz:xenpv-${name}")
assert log.contains("attached as zip:xenpv-${name}")
return true
