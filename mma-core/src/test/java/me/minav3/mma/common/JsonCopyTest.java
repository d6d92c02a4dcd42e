package me.minav3.mma.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCopyTest {

    private static Map<String, Object> tree() {
        List<Object> items = new ArrayList<>(Arrays.asList("a", null, Json.obj("deep", 1)));
        Map<String, Object> nested = Json.obj("z", 1, "a", null, "list", items);
        return Json.obj("second", "x", "first", nested, "empty", new LinkedHashMap<>());
    }

    @Test
    void aCopyKeepsOrderNullsAndValuesAndDoesNotFollowTheOriginal() {
        Map<String, Object> original = tree();
        Map<String, Object> copy = Json.copy(original);

        assertThat(copy).isEqualTo(tree()).hasSameHashCodeAs(tree());
        assertThat(copy.keySet()).containsExactly("second", "first", "empty");
        assertThat(Json.object(copy, "first").keySet()).containsExactly("z", "a", "list");
        assertThat(Json.object(copy, "first")).containsEntry("a", null);
        assertThat(Json.list(Json.object(copy, "first"), "list")).containsExactly("a", null, Json.obj("deep", 1));

        original.put("second", "changed");
        Json.object(original, "first").put("z", 2);
        Json.list(Json.object(original, "first"), "list").add("more");
        assertThat(copy).isEqualTo(tree());
        assertThat(copy.toString()).isEqualTo(tree().toString());
    }

    @Test
    void nothingInACopyCanBeChanged() {
        Map<String, Object> copy = Json.copy(tree());
        Map<String, Object> nested = Json.object(copy, "first");
        List<Object> list = Json.list(nested, "list");

        assertThatThrownBy(() -> copy.put("new", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("second")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(copy::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.keySet().remove("second")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> nested.put("z", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.add("more")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Json.object(copy, "empty").put("k", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCopyOfACopyIsTheSameTreeAndACopiedSubtreeIsReused() {
        Map<String, Object> copy = Json.copy(tree());

        assertThat(Json.copy(copy)).isSameAs(copy);

        Map<String, Object> around = Json.obj("kept", copy, "list", List.of(copy), "fresh", new LinkedHashMap<>());
        Map<String, Object> aroundCopy = Json.copy(around);
        assertThat(aroundCopy.get("kept")).isSameAs(copy);
        assertThat(Json.list(aroundCopy, "list").get(0)).isSameAs(copy);
        assertThat(aroundCopy.get("fresh")).isNotSameAs(around.get("fresh"));
        assertThatThrownBy(() -> Json.object(aroundCopy, "fresh").put("k", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMutableCopyOfACopyCanBeChangedWithoutTouchingIt() {
        Map<String, Object> copy = Json.copy(tree());
        Map<String, Object> mutable = Json.mutableCopy(copy);

        Json.object(mutable, "first").put("z", 2);
        Json.list(Json.object(mutable, "first"), "list").add("more");
        mutable.put("second", "changed");

        assertThat(copy).isEqualTo(tree());
    }
}
