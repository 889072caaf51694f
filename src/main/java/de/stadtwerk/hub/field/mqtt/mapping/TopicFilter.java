package de.stadtwerk.hub.field.mqtt.mapping;

import java.util.List;

/**
 * An MQTT topic filter ({@code stadtwerk/meters/+/reading}, {@code tele/#}) and its match against a topic name,
 * following the MQTT 5 rules: {@code +} is one level, {@code #} the rest (also none), topics starting with
 * {@code $} are not matched by a leading wildcard.
 */
public record TopicFilter(String filter) {

    public TopicFilter {
        if (filter == null || filter.isBlank()) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        List<String> levels = List.of(filter.split("/", -1));
        for (int i = 0; i < levels.size(); i++) {
            String l = levels.get(i);
            if (l.contains("#") && (!l.equals("#") || i != levels.size() - 1)) {
                throw new IllegalArgumentException("topic filter " + filter + ": '#' must be a whole last level");
            }
            if (l.contains("+") && !l.equals("+")) {
                throw new IllegalArgumentException("topic filter " + filter + ": '+' must be a whole level");
            }
        }
    }

    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    @Override
    public String toString() {
        return filter;
    }
}
