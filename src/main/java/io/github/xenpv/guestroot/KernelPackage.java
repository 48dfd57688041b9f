package io.github.xenpv.guestroot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The package a guest's kernel came from, read from the guest's rpm database by this machine's
 * {@code rpm}, so that its architecture ({@code i686}, {@code athlon}, {@code ia32e},
 * {@code x86_64}) is the one Red Hat built it for.
 *
 * <p>Nothing of the image runs, and nothing in it is written or read outside it: the database
 * folder {@code /var/lib/rpm} is resolved inside the root (a link in it cannot lead to this
 * machine's own database), and {@code rpm} is given that folder with {@code --dbpath}, not the
 * root, and told to use its read-only reader of the Berkeley DB {@code Packages} file that RHEL 3,
 * 4 and 5 keep ({@code bdb_ro}, which opens every file read-only). A root without that file, or a
 * machine without {@code rpm}, gives no answer, and says why.
 *
 * @param name    the package, such as {@code kernel-smp}
 * @param version its version-release, such as {@code 2.4.21-52.EL}
 * @param arch    the architecture it was built for, such as {@code i686}
 * @param where   the database it was read from, as messages name it
 */
public record KernelPackage(String name, String version, String arch, String where) {

    /** Where RHEL 3, 4 and 5 keep the rpm database; the guest's rpm, not this machine's, decides. */
    static final String DATABASE = "/var/lib/rpm";

    /** How long {@code rpm -qa} may take; a RHEL 3 database of a thousand packages takes a second. */
    private static final long TIMEOUT_SECONDS = 60;

    /** The most of {@code rpm}'s output read: a line per package. */
    private static final int MAX_OUTPUT = 4 << 20;

    /** The most of {@code rpm}'s messages read, for the error among its warnings. */
    private static final int MAX_MESSAGES = 64 << 10;

    /**
     * What a look-up found: the package, or why there is none.
     *
     * @param found the kernel package, when the database has it
     * @param why   why there is no answer, when there is none
     */
    public record Lookup(Optional<KernelPackage> found, String why) {
    }

    /**
     * The installed package whose files are the kernel tree {@code /lib/modules/<release>}:
     * {@code kernel} for a release without a variant, {@code kernel-<variant>} (smp, hugemem,
     * largesmp, PAE, ...) for one with.
     *
     * @param root    the guest root
     * @param release the kernel release with its variant, such as {@code 2.4.21-52.ELsmp}
     * @param rpm     the {@code rpm} command to run
     * @return the package, or why it is not known
     */
    public static Lookup of(GuestRoot root, String release, String rpm) {
        Optional<Path> database;
        try {
            database = root.resolve(DATABASE);
        } catch (IOException e) {
            return new Lookup(Optional.empty(), root.where(DATABASE) + " cannot be read: " + e.getMessage());
        }
        if (database.isEmpty() || !Files.isRegularFile(database.get().resolve("Packages"), LinkOption.NOFOLLOW_LINKS)) {
            return new Lookup(Optional.empty(), "the guest root has no rpm database " + DATABASE + "/Packages");
        }
        String where = root.where(DATABASE);
        List<String> lines;
        try {
            lines = query(rpm, database.get());
        } catch (IOException e) {
            return new Lookup(Optional.empty(), "this machine's rpm cannot read " + where + ": " + e.getMessage());
        }
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length == 3 && owns(fields[0], fields[1], release)) {
                return new Lookup(Optional.of(new KernelPackage(fields[0], fields[1], fields[2], where)), "");
            }
        }
        return new Lookup(Optional.empty(), where + " has no kernel package of release " + release);
    }

    /** Whether package {@code name} of {@code version} installs {@code /lib/modules/<release>}. */
    static boolean owns(String name, String version, String release) {
        if (name.equals("kernel")) {
            return release.equals(version);
        }
        return name.startsWith("kernel-") && release.equals(version + name.substring("kernel-".length()));
    }

    /**
     * Every installed package as {@code <name> <version>-<release> <arch>}, one a line. A list of
     * none is an error: rpm ends with status 0 when {@code bdb_ro} cannot read the database, and says
     * so only in its messages, which the error then quotes.
     */
    private static List<String> query(String rpm, Path database) throws IOException {
        Path output = Files.createTempFile("xenpv-rpm-", ".txt");
        Path messages = Files.createTempFile("xenpv-rpm-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(rpm, "--dbpath", database.toString(), "--define",
                    "_db_backend bdb_ro", "-qa", "--qf", "%{NAME} %{VERSION}-%{RELEASE} %{ARCH}\\n");
            builder.environment().put("LC_ALL", "C");
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectOutput(output.toFile());
            builder.redirectError(messages.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("there is no " + rpm + " command here", e);
            }
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(rpm + " took more than " + TIMEOUT_SECONDS + " seconds");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + rpm + " ran", e);
            }
            if (process.exitValue() != 0) {
                throw new IOException(rpm + " -qa ended with status " + process.exitValue());
            }
            List<String> packages = lines(output, MAX_OUTPUT);
            if (packages.isEmpty()) {
                throw new IOException(rpm + " -qa listed no package" + lines(messages, MAX_MESSAGES).stream()
                        .filter(line -> line.startsWith("error:")).findFirst().map(line -> " (" + line + ")").orElse(""));
            }
            return packages;
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(messages);
        }
    }

    /** The lines of at most the first {@code limit} bytes of a file rpm wrote. */
    private static List<String> lines(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
