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

    /** True when the topic matches; walks both strings level by level without splitting them (per message). */
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int fs = 0;
        int ts = 0;
        boolean topicDone = false;
        while (true) {
            int fe = filter.indexOf('/', fs);
            boolean filterLast = fe < 0;
            if (filterLast) {
                fe = filter.length();
            }
            int flen = fe - fs;
            if (flen == 1 && filter.charAt(fs) == '#') {
                return true; // the rest, also no level at all
            }
            if (topicDone) {
                return false; // the filter has more levels than the topic
            }
            int te = topic.indexOf('/', ts);
            boolean topicLast = te < 0;
            if (topicLast) {
                te = topic.length();
            }
            boolean plus = flen == 1 && filter.charAt(fs) == '+';
            if (!plus && (te - ts != flen || !topic.regionMatches(ts, filter, fs, flen))) {
                return false;
            }
            if (filterLast) {
                return topicLast;
            }
            fs = fe + 1;
            if (topicLast) {
                topicDone = true;
            } else {
                ts = te + 1;
            }
        }
    }

    @Override
    public String toString() {
        return filter;
    }
}
