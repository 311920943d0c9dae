package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field that a manager can own, as FieldsV1 spells its steps: f:spec, f:containers, k:{"name":"web"}, f:image.
 * A k: step picks a list item by its key fields, a v: step a member of a set.
 */
record FieldPath(List<String> elements) {

    static final FieldPath ROOT = new FieldPath(List.of());

    static FieldPath of(String... fieldNames) {
        FieldPath path = ROOT;
        for (String name : fieldNames) {
            path = path.field(name);
        }
        return path;
    }

    FieldPath field(String name) {
        return child("f:" + name);
    }

    FieldPath child(String element) {
        List<String> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(List.copyOf(longer));
    }

    FieldPath parent() {
        return new FieldPath(elements.subList(0, elements.size() - 1));
    }

    boolean isRoot() {
        return elements.isEmpty();
    }

    /** Whether this path is the given one or lies inside it. */
    boolean within(FieldPath outer) {
        return elements.size() >= outer.elements.size()
                && elements.subList(0, outer.elements.size()).equals(outer.elements);
    }

    /** The value at this path, or null when it is absent. */
    Object valueIn(Map<String, Object> object) {
        Object node = object;
        for (int i = 0; i < elements.size() && node != null; i++) {
            node = step(node, i);
        }
        return node;
    }

    boolean presentIn(Map<String, Object> object) {
        if (isRoot()) {
            return true;
        }
        Object parent = parent().valueIn(object);
        if (parent instanceof Map) {
            return ((Map<?, ?>) parent).containsKey(name(last()));
        }
        return parent instanceof List && indexIn((List<?>) parent, elements.size() - 1) >= 0;
    }

    /** Removes the field, the list item or the set member; a missing one is no error. */
    void removeFrom(Map<String, Object> object) {
        if (isRoot()) {
            return;
        }
        Object parent = parent().valueIn(object);
        if (parent instanceof Map) {
            ((Map<?, ?>) parent).remove(name(last()));
        } else if (parent instanceof List) {
            int index = indexIn((List<?>) parent, elements.size() - 1);
            if (index >= 0) {
                ((List<?>) parent).remove(index);
            }
        }
    }

    private Object step(Object node, int i) {
        String element = elements.get(i);
        if (element.startsWith("f:")) {
            return node instanceof Map ? ((Map<?, ?>) node).get(name(element)) : null;
        }
        if (!(node instanceof List)) {
            return null;
        }
        int index = indexIn((List<?>) node, i);
        return index < 0 ? null : ((List<?>) node).get(index);
    }

    /** The index of the item that the step at position i names in the list, or -1. */
    private int indexIn(List<?> list, int i) {
        String element = elements.get(i);
        if (element.startsWith("v:")) {
            for (int n = 0; n < list.size(); n++) {
                if (ListKeys.valueElement(list.get(n)).equals(element)) {
                    return n;
                }
            }
            return -1;
        }
        if (element.startsWith("i:")) {
            int index = Integer.parseInt(element.substring(2));
            return index < list.size() ? index : -1;
        }
        List<String> keys = i == 0 ? null : ListKeys.of(name(elements.get(i - 1)), list);
        if (keys == null) {
            return -1;
        }
        for (int n = 0; n < list.size(); n++) {
            if (ListKeys.element(keys, list.get(n)).equals(element)) {
                return n;
            }
        }
        return -1;
    }

    private String last() {
        return elements.get(elements.size() - 1);
    }

    private static String name(String element) {
        return element.substring(2);
    }

    /** The way the API server prints a field in a conflict: .spec.template.spec.containers[name="web"].image */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String element : elements) {
            String rest = name(element);
            if (element.startsWith("f:")) {
                out.append('.').append(rest);
            } else if (element.startsWith("k:")) {
                StringBuilder key = new StringBuilder();
                Json.parse(rest).forEach((k, v) -> key.append(key.length() == 0 ? "" : ",").append(k).append('=')
                        .append(Json.write(v)));
                out.append('[').append(key).append(']');
            } else if (element.startsWith("v:")) {
                out.append("[=").append(rest).append(']');
            } else {
                out.append('[').append(rest).append(']');
            }
        }
        return out.toString();
    }
}
