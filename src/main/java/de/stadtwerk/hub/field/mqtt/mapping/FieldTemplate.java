package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a field of an observation comes from, as written in the mapping file: literal text with placeholders.
 * <ul>
 *   <li>{@code {topic.N}}: level N of the topic (0-based: in {@code stadtwerk/meters/m-1/reading}, 2 is {@code m-1});</li>
 *   <li>{@code {$.a.b[0]}}: a JSON path into the payload (dots for fields, {@code [n]} for array items);</li>
 *   <li>{@code {payload}}: the whole payload as text.</li>
 * </ul>
 * {@code tasmota-{topic.1}} mixes text and a placeholder; {@code energy_import} is a constant.
 */
public final class FieldTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private static final Pattern PATH_PART = Pattern.compile("\\.([^.\\[\\]]+)|\\[(\\d+)]");

    private sealed interface Part permits Text, Topic, Json, Payload {
    }

    private record Text(String text) implements Part {
    }

    private record Topic(int level) implements Part {
    }

    private record Json(String path, JsonPointer pointer) implements Part {
    }

    private record Payload() implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private FieldTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a template; throws {@link IllegalArgumentException} naming the problem. */
    public static FieldTemplate parse(String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("empty field template");
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Text(template.substring(last, m.start())));
            }
            parts.add(placeholder(m.group(1).trim(), template));
            last = m.end();
        }
        if (last < template.length()) {
            String rest = template.substring(last);
            if (rest.contains("{") || rest.contains("}")) {
                throw new IllegalArgumentException("unbalanced braces in '" + template + "'");
            }
            parts.add(new Text(rest));
        }
        return new FieldTemplate(template, List.copyOf(parts));
    }

    private static Part placeholder(String p, String template) {
        if (p.equals("payload")) {
            return new Payload();
        }
        if (p.startsWith("topic.")) {
            try {
                int level = Integer.parseInt(p.substring(6));
                if (level < 0) {
                    throw new NumberFormatException();
                }
                return new Topic(level);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + template + "': {" + p + "} needs a topic level number >= 0");
            }
        }
        if (p.startsWith("$")) {
            return new Json(p, toPointer(p, template));
        }
        throw new IllegalArgumentException("'" + template + "': unknown placeholder {" + p
                + "} (use {topic.N}, {$.json.path} or {payload})");
    }

    static JsonPointer toPointer(String path, String template) {
        StringBuilder pointer = new StringBuilder();
        Matcher m = PATH_PART.matcher(path);
        int pos = 1;
        while (pos < path.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("'" + template + "': bad JSON path " + path
                        + " (write $.field.sub or $.list[0])");
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            pos = m.end();
        }
        return JsonPointer.compile(pointer.toString());
    }

    /** True when the template reads the payload as JSON. */
    public boolean readsJson() {
        return parts.stream().anyMatch(p -> p instanceof Json);
    }

    /** The JSON paths the template reads. */
    List<JsonPointer> jsonPointers() {
        return parts.stream().filter(p -> p instanceof Json).map(p -> ((Json) p).pointer()).toList();
    }

    /** The template is a single JSON path: its pointer, else null. */
    JsonPointer singlePointer() {
        return parts.size() == 1 && parts.get(0) instanceof Json j ? j.pointer() : null;
    }

    /**
     * The template is a single JSON path: its value (the caller checks the type), or a PayloadException when it is
     * missing; null when the template is not a single JSON path.
     */
    public JsonFields.Value value(Context ctx, String field) {
        if (parts.size() == 1 && parts.get(0) instanceof Json j) {
            JsonFields.Value v = ctx.json().get(j.pointer());
            if (v == null) {
                throw new PayloadException("missing field " + j.path() + " (" + field + ")");
            }
            return v;
        }
        return null;
    }

    /** Evaluates to text; a missing JSON field or topic level is a PayloadException naming it. */
    public String text(Context ctx, String field) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                sb.append(t.text());
            } else if (p instanceof Payload) {
                sb.append(ctx.payloadText());
            } else if (p instanceof Topic t) {
                String[] levels = ctx.topicLevels();
                if (t.level() >= levels.length) {
                    throw new PayloadException("topic has no level " + t.level() + " (" + field + ")");
                }
                sb.append(levels[t.level()]);
            } else if (p instanceof Json j) {
                sb.append(jsonText(ctx, j, field));
            }
        }
        return sb.toString();
    }

    private static String jsonText(Context ctx, Json j, String field) {
        if (ctx.json() == null) {
            throw new PayloadException("payload is not JSON (" + field + ")");
        }
        JsonFields.Value v = ctx.json().get(j.pointer());
        if (v == null) {
            throw new PayloadException("missing field " + j.path() + " (" + field + ")");
        }
        if (v.isContainer()) {
            throw new PayloadException("field " + j.path() + " (" + field + ") must be a value, found " + v.type());
        }
        return v.text();
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * What a template is evaluated against: the message, and the values of the mapping's JSON paths (null when the
     * mapping is not JSON). The topic's levels and the payload's text are made only when a template asks for them.
     */
    public static final class Context {
        private final MqttPayload message;
        private final JsonFields.Values json;
        private String[] topicLevels;
        private String payloadText;

        public Context(MqttPayload message, JsonFields.Values json) {
            this.message = message;
            this.json = json;
        }

        String[] topicLevels() {
            if (topicLevels == null) {
                topicLevels = message.topic().split("/", -1);
            }
            return topicLevels;
        }

        /** The payload as text (the mapping checked that it is UTF-8). */
        String payloadText() {
            if (payloadText == null) {
                payloadText = message.text();
            }
            return payloadText;
        }

        JsonFields.Values json() {
            return json;
        }
    }
}
