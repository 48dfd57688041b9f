package io.github.xenpv.fleet;

import java.util.List;
import java.util.Optional;

/**
 * What Maven rewrites in a POM's text before the plugin sees it, so that the import never writes
 * a guest's or a config's text that Maven would turn into something else. A guest's tenant
 * controls its fstab and grub.conf: {@code ${env.CI_TOKEN}} in a comment, copied into pom.xml,
 * would be filled in from the build machine's environment by the next {@code mvn package} and
 * shipped back into the guest inside the bundle.
 *
 * <p>Maven 3 fills in {@code ${...}} when it builds the model and again when it configures a goal,
 * where {@code $$} also becomes {@code $}; Maven 4 reads {@code $__}, {@code \{} and {@code \}} as
 * escapes as well, and looks again at what it filled in, so no quoting with a {@code ${...}}
 * property survives both (tried with Maven 3.8.7, 3.9.16 and 4.0.0-rc-6). A value holding one of
 * these is therefore refused, with a report line; every other text reaches the bundle byte for byte.
 */
final class MavenInterpolation {

    /** The character sequences that some supported Maven rewrites. */
    private static final List<String> REWRITTEN = List.of("${", "$$", "$__", "\\{", "\\}");

    private MavenInterpolation() {
    }

    /**
     * What in {@code value} Maven would rewrite.
     *
     * @param value a text the import would write into pom.xml
     * @return the first such sequence it holds, or empty when Maven leaves it as it is
     */
    static Optional<String> rewritten(String value) {
        return value == null ? Optional.empty() : REWRITTEN.stream().filter(value::contains).findFirst();
    }

    /** Why a value holding {@code sequence} is not written, for a report line. */
    static String why(String sequence) {
        return "it holds " + sequence + ", which Maven would rewrite when it builds pom.xml (it fills in ${...} from "
                + "the build machine's properties and environment, and reads $$, $__, \\{ and \\} as escapes)";
    }
}
