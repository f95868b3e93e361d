package org.arroyo.camel.message.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Maps built entry by entry behave as the ordered, immutable maps {@link Values#freeze} makes, at any size. */
class MapBuilderTest {

    /** Sizes below, at and above the size where lookups switch from scanning to an index. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 7, 8, 9, 100, 5_000 })
    void aBuiltMapEqualsTheOrderedMapOfItsEntries(int size) {
        MapBuilder builder = new MapBuilder(2);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = "field_" + (size - i);
            assertThat(builder.add(key, i)).isTrue();
            expected.put(key, (long) i);
        }
        Map<String, Object> built = builder.build();

        assertThat(built).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(built.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, value) -> assertThat(built.get(key)).isEqualTo(value));
        assertThat(built.get("absent")).isNull();
        assertThat(built.containsKey(42)).isFalse();
        assertThat(Values.freeze(built)).isSameAs(built);
        assertThatThrownBy(() -> built.put("more", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Keys of one hash code ("Aa" and "BB" have the same), found past each other in the index and after removals. */
    @Test
    void keysOfTheSameHashCodeAreFoundApart() {
        List<String> keys = new ArrayList<>(List.of(""));
        for (int i = 0; i < 5; i++) {
            keys = keys.stream().flatMap(key -> Stream.of(key + "Aa", key + "BB")).toList();
        }
        MapBuilder builder = new MapBuilder(keys.size());
        keys.forEach(key -> builder.add(key, key.length()));
        assertThat(builder.add(keys.get(7), 0)).isFalse();
        builder.remove(keys.get(0));
        Map<String, Object> built = builder.build();

        assertThat(keys).hasSize(32).extracting(String::hashCode).containsOnly(keys.get(0).hashCode());
        assertThat(built.keySet()).containsExactlyElementsOf(keys.subList(1, keys.size()));
        assertThat(built.get(keys.get(0))).isNull();
        assertThat(built.get(keys.get(31))).isEqualTo(10L);
    }

    /** Sizes below, at and above the size where lookups switch from scanning to an index. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 8, 9, 100 })
    void aCopiedMapKeepsTheOrderOfTheOriginal(int size) {
        Map<String, Object> original = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            original.put("field_" + (size - i), i);
        }
        Map<String, Object> copy = MapBuilder.of(original).build();

        assertThat(copy.keySet()).containsExactlyElementsOf(original.keySet());
        original.forEach((key, value) -> assertThat(copy.get(key)).isEqualTo((long) (int) value));
    }

    @ParameterizedTest
    @ValueSource(ints = { 3, 20 })
    void aKeyIsAddedOnceAndRemovingKeepsTheOrderOfTheRest(int size) {
        MapBuilder builder = new MapBuilder(size);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            keys.add("k" + i);
            builder.add("k" + i, "v" + i);
        }
        assertThat(builder.add(new String("k1"), "again")).isFalse();
        assertThat(builder.indexOf("k2")).isEqualTo(2);

        assertThat(builder.remove("k1")).isEqualTo("v1");
        assertThat(builder.remove("k1")).isNull();
        keys.remove("k1");
        assertThat(builder.indexOf("k2")).isEqualTo(1);
        assertThat(builder.get("k2")).isEqualTo("v2");
        assertThat(builder.build().keySet()).containsExactlyElementsOf(keys);
    }

    @Test
    void valuesAreFrozenAsTheyAreAdded() {
        byte[] bytes = { 1, 2, 3 };
        List<Object> list = new ArrayList<>(List.of(1, "two"));
        MapBuilder builder = new MapBuilder(3);
        builder.add("bytes", bytes);
        builder.add("list", list);
        builder.add("small", (short) 7);
        bytes[0] = 9;
        list.add("three");
        Map<String, Object> built = builder.build();

        assertThat(built.get("bytes")).isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        assertThat(((ByteBuffer) built.get("bytes")).isReadOnly()).isTrue();
        assertThat(built.get("list")).isEqualTo(List.of(1L, "two"));
        assertThat(built.get("small")).isEqualTo(7L);
        assertThatThrownBy(() -> new MapBuilder(1).add("bad", new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an Arroyo value: java.lang.Object");
        assertThatThrownBy(() -> new MapBuilder(1).add(null, 1)).hasMessage("map key null is not a string");
    }

    @Test
    void aBuilderIsSpentOnceBuilt() {
        MapBuilder builder = new MapBuilder(1);
        builder.add("a", 1);
        builder.build();
        assertThatThrownBy(() -> builder.add("b", 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }
}
