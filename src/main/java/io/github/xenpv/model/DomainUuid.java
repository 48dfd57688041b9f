package io.github.xenpv.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The UUID of a guest that declares none: a name-based UUID (RFC 4122 version 5, SHA-1) of the
 * guest's name in the plugin's own namespace. The same name always gives the same UUID, so every
 * start of the domain is the same domain to xm and virsh; different names give different UUIDs.
 */
public final class DomainUuid {

    /** RFC 4122's namespace for URLs, appendix C. */
    static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /** The plugin's namespace for guest names: the version 5 UUID of its project URL in the URL namespace. */
    public static final UUID NAMESPACE = nameBased(URL_NAMESPACE, "https://github.com/xenpv/xenpv-maven-plugin");

    private DomainUuid() {
    }

    /**
     * The UUID derived from {@code guestName}, in lower-case text form.
     *
     * @param guestName the guest's name
     * @return the name-based (version 5) UUID of the name in the plugin's namespace
     */
    public static String derived(String guestName) {
        return nameBased(NAMESPACE, guestName).toString();
    }

    /** RFC 4122 §4.3 with SHA-1: the namespace's 16 bytes then the name's UTF-8, hashed, version 5, variant 10. */
    static UUID nameBased(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
