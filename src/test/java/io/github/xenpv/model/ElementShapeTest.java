package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The elements the reader knows are the POM beans' properties, every one of them and no other. */
class ElementShapeTest {

    @Test
    void everyBeanPropertyIsAnElementOfItsShape() {
        for (Class<?> bean : List.of(Guest.class, BootDisk.class, Network.class, Disk.class, Partition.class, Grub.class)) {
            Set<String> properties = Arrays.stream(bean.getDeclaredFields())
                    .filter(field -> !Modifier.isStatic(field.getModifiers()))
                    .map(field -> field.getName()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(properties, ElementShape.of(bean).names(), bean.getSimpleName());
        }
    }

    @Test
    void listsAndBeansTakeTheElementsTheReadmeNames() {
        ElementShape guest = ElementShape.of(Guest.class);
        assertEquals("disk", guest.property("disks").item());
        assertEquals("network", guest.property("networks").item());
        assertEquals("partition", guest.property("disks").bean().property("partitions").item());
        assertEquals("line", guest.property("fstabBase").item());
        assertEquals(ElementShape.Kind.VALUE_MAP, guest.property("extraConfig").kind());
        assertEquals(ElementShape.Kind.BEAN, guest.property("bootDisk").kind());
        assertEquals(List.of("bootDisk", "disks/disk", "emulatedDisks/emulatedDisk"), guest.placesOf("source"));
        assertEquals("emulatedDisk", guest.property("emulatedDisks").item());
        assertEquals("<device>, <source>", ElementShape.of(BootDisk.class).listing());
    }

    @Test
    void aSetterOfAShapeTheReaderCannotBindIsRefusedWhenTheShapeIsBuilt() throws NoSuchMethodException {
        Method setter = Odd.class.getMethod("setCount", int.class);
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ElementShape.of(Odd.class));
        assertEquals(true, refused.getMessage().startsWith(setter.toString()), refused.getMessage());
    }

    @Test
    void aMethodNamedSetAloneIsNoElement() {
        assertEquals(Set.of("name"), ElementShape.of(Setter.class).names());
    }

    /** A bean with a method named {@code set}, which names no property. */
    public static class Setter {
        public void set(String value) {
            // only its name matters
        }

        public void setName(String name) {
            // only its signature matters
        }
    }

    /** A bean with a property the reader has no rule for. */
    public static class Odd {
        public void setCount(int count) {
            // only its signature matters
        }
    }
}
