package io.github.xenpv.guestroot;

import io.github.xenpv.model.Release;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a guest's {@code /etc/redhat-release}, which names its release the way Red Hat
 * and CentOS write it: "Red Hat Enterprise Linux AS release 4 (Nahant Update 6)", "Red Hat
 * Enterprise Linux Server release 5.2 (Tikanga)", "CentOS release 4.6 (Final)", "CentOS release
 * 5.3 (Final)".
 *
 * @param release the RHEL release it names
 * @param text the line as the file has it
 * @param where the line, for messages ({@code <file>:1})
 */
public record RedhatRelease(Release release, String text, String where) {

    private static final Pattern LINE = Pattern.compile(
            "(?:Red Hat Enterprise Linux|CentOS)(?: [A-Za-z]+)* release ([345])(?:\\.[0-9]+)?(?: \\(.*\\))?\\s*");

    /**
     * The release a {@code redhat-release} file names, if it names RHEL or CentOS 3, 4 or 5.
     *
     * @param file the guest's {@code /etc/redhat-release}
     * @return its release, or empty for any other first line
     */
    public static Optional<RedhatRelease> parse(GuestFile file) {
        if (file.lines().isEmpty()) {
            return Optional.empty();
        }
        String line = file.lines().get(0);
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Release release = switch (matcher.group(1)) {
            case "3" -> Release.RHEL3;
            case "4" -> Release.RHEL4;
            default -> Release.RHEL5;
        };
        return Optional.of(new RedhatRelease(release, line.strip(), file.at(1)));
    }
}
