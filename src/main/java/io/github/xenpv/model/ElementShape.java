package io.github.xenpv.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which elements a POM bean ({@link Guest}, {@link Disk}, ...) takes, read from its setters, so the
 * list of known elements grows with the beans and cannot drift from them. A setter of a
 * {@code String} takes a value; of another bean of this package, that bean's elements; of a
 * {@code List} of beans, one element per item, named after the item's class ({@code <disk>});
 * of a {@code List<String>}, {@code <line>} elements; of a {@code Map<String, String>}, elements
 * whose names are the keys.
 *
 * <p>A shape is built afresh by each {@link #of} (a few dozen setters, once per read of a POM), not
 * kept in a class-wide cache: so every test that reads a declaration runs the code that builds it,
 * and a mistake in it fails those tests (PIT credits work cached in a static field to one test at
 * most, README "Mutation testing").
 */
final class ElementShape {

    /** The element name of each item of a {@code List<String>}, as the README documents it. */
    static final String LINE = "line";

    enum Kind { VALUE, BEAN, VALUE_LIST, BEAN_LIST, VALUE_MAP }

    /**
     * One element a bean takes.
     *
     * @param item the element name of each item of a list, else {@code null}
     * @param bean the shape of the bean (or of each item) it holds, else {@code null}
     */
    record Property(String name, Kind kind, String item, ElementShape bean, Method setter) {

        void set(Object target, Object value) {
            try {
                setter.invoke(target, value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot call " + setter, e);
            }
        }
    }

    private final Constructor<?> constructor;
    private final SortedMap<String, Property> properties;

    private ElementShape(Class<?> type) {
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " binds POM elements, so it needs a public no-argument constructor", e);
        }
        SortedMap<String, Property> found = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.getName().startsWith("set") && method.getName().length() > 3 && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers())) {
                String name = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                found.put(name, property(name, method));
            }
        }
        properties = Collections.unmodifiableSortedMap(found);
    }

    /** The shape of {@code type}, and of the beans it holds, read from their setters now. */
    static ElementShape of(Class<?> type) {
        return new ElementShape(type);
    }

    private static Property property(String name, Method setter) {
        Type type = setter.getGenericParameterTypes()[0];
        if (type == String.class) {
            return new Property(name, Kind.VALUE, null, null, setter);
        }
        if (isBean(type)) {
            return new Property(name, Kind.BEAN, null, of((Class<?>) type), setter);
        }
        if (type instanceof ParameterizedType generic) {
            Type[] arguments = generic.getActualTypeArguments();
            if (generic.getRawType() == List.class && arguments[0] == String.class) {
                return new Property(name, Kind.VALUE_LIST, LINE, null, setter);
            }
            if (generic.getRawType() == List.class && isBean(arguments[0])) {
                Class<?> item = (Class<?>) arguments[0];
                String itemName = Character.toLowerCase(item.getSimpleName().charAt(0)) + item.getSimpleName().substring(1);
                return new Property(name, Kind.BEAN_LIST, itemName, of(item), setter);
            }
            if (generic.getRawType() == Map.class && arguments[0] == String.class && arguments[1] == String.class) {
                return new Property(name, Kind.VALUE_MAP, null, null, setter);
            }
        }
        throw new IllegalStateException(setter + ": a POM bean holds text, beans of its package, lists of those or of "
                + "text, or a map of text; the declaration reader knows no other shape");
    }

    private static boolean isBean(Type type) {
        return type instanceof Class<?> candidate && candidate.getPackage() == ElementShape.class.getPackage()
                && !candidate.isEnum() && !candidate.isRecord();
    }

    Object newBean() {
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + constructor.getDeclaringClass(), e);
        }
    }

    /** The element of this name, or {@code null}. */
    Property property(String name) {
        return properties.get(name);
    }

    /** Every element this bean takes, sorted by name. */
    Set<String> names() {
        return properties.keySet();
    }

    /** {@code <a>, <b>, ...}, for messages. */
    String listing() {
        return properties.keySet().stream().map(name -> "<" + name + ">").collect(Collectors.joining(", "));
    }

    /**
     * Where below this bean an element of this name is known, as paths of element names relative
     * to it ({@code bootDisk}, {@code disks/disk}); empty when nowhere.
     */
    List<String> placesOf(String name) {
        List<String> places = new ArrayList<>();
        collectPlaces(name, "", places);
        return places;
    }

    private void collectPlaces(String name, String here, List<String> places) {
        if (properties.containsKey(name) && !here.isEmpty()) {
            places.add(here);
        }
        for (Property property : properties.values()) {
            String below = (here.isEmpty() ? "" : here + "/") + property.name();
            if (property.kind() == Kind.BEAN) {
                property.bean().collectPlaces(name, below, places);
            } else if (property.kind() == Kind.BEAN_LIST) {
                property.bean().collectPlaces(name, below + "/" + property.item(), places);
            }
        }
    }
}
