package io.github.xenpv.bundle;

/**
 * One file of a guest's bundle as its folder holds it, without its bytes.
 *
 * @param path the path relative to the guest's folder
 * @param executable mode 0755, else 0644
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 * @param secret it holds a password: mode 0600, whatever {@code executable} says
 */
public record BundleEntry(String path, boolean executable, String sha256, boolean secret) {

    /**
     * A file that holds no secret.
     *
     * @param path the path relative to the guest's folder
     * @param executable mode 0755, else 0644
     * @param sha256 the SHA-256 of its bytes, lower-case hex
     */
    public BundleEntry(String path, boolean executable, String sha256) {
        this(path, executable, sha256, false);
    }

    /** {@return the mode of its file and archive entry, as {@code ls -l} shows it in octal} */
    String octalMode() {
        return WriteRecord.octalMode(executable, secret);
    }
}
