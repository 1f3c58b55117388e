package org.fde.djl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Typed access to the card's fields by dotted path, with error messages naming the card and field. */
final class CardFields {

	final Path path;
	final JsonObject root;

	CardFields(Path path, JsonObject root) {
		this.path = path;
		this.root = root;
	}

	InvalidModelException error(String field, String problem) {
		return new InvalidModelException(path, field, problem);
	}

	<T> T fail(String field, String problem) {
		throw error(field, problem);
	}

	/** The element at a dotted path, or null if absent (or JSON null). */
	JsonElement find(String field) {
		JsonElement e = root;
		for (String part : field.split("\\.")) {
			if (!e.isJsonObject()) {
				return null;
			}
			e = e.getAsJsonObject().get(part);
			if (e == null || e.isJsonNull()) {
				return null;
			}
		}
		return e;
	}

	JsonElement get(String field) {
		JsonElement e = find(field);
		if (e == null) {
			throw error(field, "missing");
		}
		return e;
	}

	String string(String field) {
		JsonElement e = get(field);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
			throw error(field, "expected a string, got " + e);
		}
		return e.getAsString();
	}

	String optString(String field, String fallback) {
		return find(field) == null ? fallback : string(field);
	}

	void expect(String field, String expected) {
		String value = string(field);
		if (!expected.equals(value)) {
			throw error(field, "expected \"" + expected + "\", got \"" + value + "\"");
		}
	}

	double number(String field) {
		return number(field, get(field));
	}

	double number(String field, JsonElement e) {
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
			throw error(field, "expected a number, got " + e);
		}
		double d = e.getAsDouble();
		if (!Double.isFinite(d)) {
			throw error(field, "expected a finite number, got " + e);
		}
		return d;
	}

	int integer(String field, int min) {
		return integer(field, get(field), min);
	}

	int integer(String field, JsonElement e, int min) {
		double d = number(field, e);
		if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
			throw error(field, "expected an integer >= " + min + ", got " + e);
		}
		return (int) d;
	}

	JsonObject object(String field) {
		JsonElement e = get(field);
		if (!e.isJsonObject()) {
			throw error(field, "expected a JSON object, got " + e);
		}
		return e.getAsJsonObject();
	}

	JsonArray array(String field) {
		JsonElement e = get(field);
		if (!e.isJsonArray()) {
			throw error(field, "expected a JSON array, got " + e);
		}
		return e.getAsJsonArray();
	}

	double[] numbers(String field, int count) {
		JsonArray a = array(field);
		if (a.size() != count) {
			throw error(field, "expected " + count + " numbers, got " + a);
		}
		double[] out = new double[count];
		for (int i = 0; i < count; i++) {
			out[i] = number(field + "[" + i + "]", a.get(i));
		}
		return out;
	}

	List<String> strings(String field) {
		JsonArray a = array(field);
		List<String> out = new ArrayList<>();
		for (JsonElement e : a) {
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
				throw error(field, "expected an array of strings, got " + a);
			}
			out.add(e.getAsString());
		}
		return out;
	}

	Map<String, Object> optFreeForm(String field) {
		JsonElement e = find(field);
		if (e == null) {
			return Map.of();
		}
		if (!e.isJsonObject()) {
			throw error(field, "expected a JSON object, got " + e);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) toJava(e);
		return map;
	}

	/** JSON to unmodifiable Java values: Map, List, String, Boolean, Long (integral) or Double, null. */
	static Object toJava(JsonElement e) {
		if (e == null || e.isJsonNull()) {
			return null;
		}
		if (e.isJsonObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
				map.put(entry.getKey(), toJava(entry.getValue()));
			}
			return Collections.unmodifiableMap(map);
		}
		if (e.isJsonArray()) {
			List<Object> list = new ArrayList<>();
			for (JsonElement item : e.getAsJsonArray()) {
				list.add(toJava(item));
			}
			return Collections.unmodifiableList(list);
		}
		JsonPrimitive p = e.getAsJsonPrimitive();
		if (p.isBoolean()) {
			return p.getAsBoolean();
		}
		if (p.isNumber()) {
			double d = p.getAsDouble();
			if (d == Math.rint(d) && Math.abs(d) < 9.0e15 && !p.getAsString().contains(".")
					&& !p.getAsString().toLowerCase(Locale.ROOT).contains("e")) {
				return p.getAsLong();
			}
			return d;
		}
		return p.getAsString();
	}
}
