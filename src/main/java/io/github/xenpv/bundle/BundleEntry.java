package io.github.xenpv.bundle;

/**
 * One file of a guest's bundle as its folder holds it, without its bytes.
 *
 * @param path the path relative to the guest's folder
 * @param executable mode 0755, else 0644
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 */
public record BundleEntry(String path, boolean executable, String sha256) {
}
