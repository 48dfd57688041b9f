package io.github.xenpv.render;

import freemarker.template.Configuration;
import io.github.xenpv.model.ConfigElement;
import io.github.xenpv.model.ValidGuest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Everything a guest's bundle is rendered from, as one digest per guest, so that a build can tell
 * without rendering that the files would come out as the last build wrote them: the checked guest
 * ({@link GuestRenderer#render} reads nothing else of the build), the plugin's own code and
 * templates, FreeMarker, the locale and time zone FreeMarker renders in, and every file of the
 * user's template folder, includes and files no template uses yet included.
 *
 * <p>The plugin's code counts by its bytes, never by its version: the jar it runs from (or the
 * classes folder, in its own tests) is hashed whole, so a rebuilt SNAPSHOT, a changed default or a
 * changed bundled template is a different input although the version string stayed.
 *
 * <p>A guest read from the POM counts by its declaration as written ({@link ValidGuest#declaration},
 * expressions evaluated): every checked value follows from it and the plugin's code, and reading it
 * saves a no-op build of 1,000 guests some 80 ms of the 185 that reading the checked guests took. It
 * is read element by element, conservatively: the same elements in another order render again. A
 * guest built in code counts by every record component, list element and enum constant, read
 * generically, so a value added to {@link ValidGuest} is covered without a change here; a value of a
 * kind this class cannot read fails loudly rather than being left out.
 */
public final class RenderInputs {

    private final byte[] engine;

    private RenderInputs(byte[] engine) {
        this.engine = engine;
    }

    /**
     * The inputs shared by every guest of a build.
     *
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @return the inputs; empty when the plugin's own code cannot be found to hash (it was loaded
     *     from neither a jar nor a folder), so that nothing is ever taken as unchanged
     * @throws IOException when the template folder or the plugin's code cannot be read
     */
    public static Optional<RenderInputs> of(Path templatesDirectory) throws IOException {
        Optional<byte[]> code = pluginCode();
        return code.isEmpty() ? Optional.empty() : Optional.of(of(templatesDirectory, code.get()));
    }

    /**
     * The inputs shared by every guest of a build, for a plugin whose code has this digest.
     *
     * @param templatesDirectory the user's template overrides; may be {@code null} or missing
     * @param pluginCode the digest of the plugin's code, as {@link #pluginCode} gives it
     * @return the inputs
     * @throws IOException when the template folder cannot be read
     */
    public static RenderInputs of(Path templatesDirectory, byte[] pluginCode) throws IOException {
        Feed feed = new Feed();
        feed.text("xenpv render inputs 2");
        feed.bytes(pluginCode);
        // FreeMarker's jar by where it was resolved from: a released artifact's path names its version
        feed.text(String.valueOf(location(Configuration.class)));
        feed.text(Locale.getDefault().toLanguageTag());
        feed.text(TimeZone.getDefault().getID());
        templates(feed, templatesDirectory);
        return new RenderInputs(feed.digest());
    }

    /**
     * The digest of everything one guest's bundle is rendered from.
     *
     * @param guest the checked guest
     * @return 64 lower-case hex digits
     */
    public String of(ValidGuest guest) {
        return digestOf(guest.declaration() == null ? guest : guest.declaration());
    }

    /**
     * The digest of any value the feed reads, with these inputs: what {@link #of(ValidGuest)} does
     * for a guest, open to tests for values the model does not hold yet (two kinds of record or enum
     * in one place).
     */
    String digestOf(Object value) {
        Feed feed = new Feed();
        feed.bytes(engine);
        feed.value(value);
        return HexFormat.of().formatHex(feed.digest());
    }

    /**
     * The digest of the plugin's code and bundled templates: the jar this class was loaded from,
     * or every file of its classes folder.
     *
     * @return the digest; empty when the code was loaded from anything else
     * @throws IOException when the jar or folder cannot be read
     */
    public static Optional<byte[]> pluginCode() throws IOException {
        return code(location(RenderInputs.class));
    }

    /** The digest of a jar's bytes, or of every file in a folder; empty for {@code null} or anything else. */
    static Optional<byte[]> code(Path code) throws IOException {
        if (code == null) {
            return Optional.empty();
        }
        Feed feed = new Feed();
        if (Files.isRegularFile(code)) {
            feed.bytes(Files.readAllBytes(code));
        } else if (Files.isDirectory(code)) {
            folder(feed, code);
        } else {
            return Optional.empty();
        }
        return Optional.of(feed.digest());
    }

    /** The jar or folder a class was loaded from, or {@code null} when that is no local file. */
    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void templates(Feed feed, Path templatesDirectory) throws IOException {
        if (templatesDirectory == null || !Files.isDirectory(templatesDirectory)) {
            feed.text("no template folder");
        } else {
            feed.text("template folder");
            folder(feed, templatesDirectory);
        }
    }

    /**
     * Every regular file under {@code root} by its path and bytes, links followed (a link is read
     * where it leads), in path order; a folder that cannot be read or loops counts by its path.
     */
    private static void folder(Feed feed, Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    files.put(relative(root, file), sha256(file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                files.put(relative(root, file), (e.getClass().getName() + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
                return FileVisitResult.CONTINUE;
            }
        });
        feed.number(files.size());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            feed.text(file.getKey());
            feed.bytes(file.getValue());
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/");
    }

    /** A file's SHA-256, read in pieces: a large file in the template folder counts whole without being held at once. */
    private static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = Feed.newDigest();
        byte[] piece = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(piece)) > 0; ) {
                digest.update(piece, 0, read);
            }
        }
        return digest.digest();
    }

    /**
     * Writes values into a SHA-256 digest so that different values never give the same stream:
     * every value starts with a byte saying its kind, numbers take eight bytes, and every text and
     * byte string says its length. Bytes are gathered in a buffer of its own and written with
     * plain loops, not through a StringBuilder: a 1,000-guest build digests a hundred thousand
     * values before any of this is compiled, and a compiled {@link #value} that inlined the
     * builder's appends took a third of a second of the compiler's time.
     */
    private static final class Feed {

        /**
         * Each record class's components, looked up once, their accessors made accessible: a call then
         * skips the check of who calls, which before compilation walks the stack on every value.
         */
        private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
            @Override
            protected RecordComponent[] computeValue(Class<?> type) {
                RecordComponent[] components = type.getRecordComponents();
                for (RecordComponent component : components) {
                    component.getAccessor().setAccessible(true);
                }
                return components;
            }
        };

        private final MessageDigest digest = newDigest();
        /** Each kind of record this feed has described, by the number it was given. */
        private final Map<Class<?>, Integer> described = new HashMap<>();
        /**
         * Bytes not yet digested: a guest's small values go to the digest in a few pieces. A
         * kilobyte, as a feed is made per guest: at 8 KiB they were an eighth of what a no-op
         * build allocated, each byte a fresh page the JVM had to fault in.
         */
        private final byte[] pending = new byte[1024];
        private int used;

        static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        byte[] digest() {
            flush();
            return digest.digest();
        }

        /** Eight bytes, most significant first. */
        void number(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                pending[used++] = (byte) (value >>> shift);
            }
        }

        void bytes(byte[] value) {
            number(value.length);
            flush();
            digest.update(value);
        }

        /** Its length first, so that no two sequences of texts read the same; then two bytes per char. */
        void text(String value) {
            number(value.length());
            for (int i = 0; i < value.length(); i++) {
                room(2);
                char c = value.charAt(i);
                pending[used++] = (byte) (c >>> 8);
                pending[used++] = (byte) c;
            }
        }

        private void kind(char kind) {
            room(1);
            pending[used++] = (byte) kind;
        }

        /** Makes room for {@code bytes} more. */
        private void room(int bytes) {
            if (used + bytes > pending.length) {
                flush();
            }
        }

        private void flush() {
            digest.update(pending, 0, used);
            used = 0;
        }

        void value(Object value) {
            if (value == null || value instanceof String) {
                optionalText((String) value);
            } else if (value instanceof ConfigElement element) {
                element(element);
            } else if (value instanceof CharSequence text) {
                optionalText(text.toString());
            } else if (value instanceof Boolean bool) {
                kind(bool ? 'T' : 'F');
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                kind('i');
                number(((Number) value).longValue());
            } else if (value instanceof Enum<?> constant) {
                kind('e');
                text(constant.getDeclaringClass().getName());
                text(constant.name());
            } else if (value instanceof List<?> list) {
                kind('l');
                number(list.size());
                for (Object element : list) {
                    value(element);
                }
            } else if (value instanceof Record record) {
                RecordComponent[] components = COMPONENTS.get(record.getClass());
                Integer known = described.get(record.getClass());
                if (known != null) {
                    kind('R');
                    number(known);
                } else {
                    // a kind of record is described once per digest, its later values refer to it
                    described.put(record.getClass(), described.size());
                    kind('r');
                    text(record.getClass().getName());
                    number(components.length);
                    for (RecordComponent component : components) {
                        text(component.getName());
                    }
                }
                for (RecordComponent component : components) {
                    value(read(component, record));
                }
            } else {
                throw new IllegalArgumentException("a checked guest holds a " + value.getClass().getName()
                        + ", which RenderInputs cannot read: teach it that kind of value");
            }
        }

        /**
         * A declaration as written, by its accessors rather than as a record read generically: the
         * elements of a thousand guests are most of what a no-op build digests.
         */
        private void element(ConfigElement element) {
            kind('c');
            text(element.name());
            optionalText(element.text());
            // by index: an iterator per element was two thirds of what a no-op build's digests allocate
            List<ConfigElement> children = element.children();
            number(children.size());
            for (int i = 0; i < children.size(); i++) {
                element(children.get(i));
            }
            List<String> unresolved = element.unresolved();
            number(unresolved.size());
            for (int i = 0; i < unresolved.size(); i++) {
                text(unresolved.get(i));
            }
        }

        /**
         * A text or its absence, as {@link #value} feeds either. Its own method, so that an element's
         * text does not go through {@code value}: called for each of a no-op build's 28,000 elements,
         * {@code value} got a C2 compile of 50 to 75 ms of its own.
         */
        private void optionalText(String text) {
            if (text == null) {
                kind('n');
            } else {
                kind('s');
                text(text);
            }
        }

        private static Object read(RecordComponent component, Record record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
            }
        }
    }
}
