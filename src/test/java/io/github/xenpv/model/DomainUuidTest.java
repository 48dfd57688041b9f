package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The derived UUID is RFC 4122's version 5 (SHA-1) name-based UUID, checked against values from
 * another implementation (Python's uuid.uuid5), so that users can reproduce it with any tool.
 */
class DomainUuidTest {

    @Test
    void nameBasedUuidsMatchRfc4122Version5() {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), the example of Python's uuid documentation
        assertEquals(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"),
                DomainUuid.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"));
    }

    @Test
    void theNamespaceIsTheProjectUrlsUuidAndTheSeedGuestHasItsOwn() {
        // python3 -c "import uuid; n = uuid.uuid5(uuid.NAMESPACE_URL, 'https://github.com/xenpv/xenpv-maven-plugin');
        //             print(n, uuid.uuid5(n, 'rhel3_64_fv'))"
        assertEquals(UUID.fromString("bc789e9c-6975-51dd-bb3a-398e5395927f"), DomainUuid.NAMESPACE);
        assertEquals("3e6e7e69-9eb9-5422-8b84-501452593cce", DomainUuid.derived("rhel3_64_fv"));
    }

    @Test
    void derivedUuidsAreVersion5Variant1() {
        UUID uuid = UUID.fromString(DomainUuid.derived("web-01"));
        assertEquals(5, uuid.version());
        assertEquals(2, uuid.variant());
    }
}
