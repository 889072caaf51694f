package de.stadtwerk.hub.parse.mscons;

import java.util.List;

/**
 * One EDIFACT segment, already split and with release characters removed.
 *
 * @param number   position in the interchange, 1-based, UNA not counted
 * @param tag      the segment tag, e.g. {@code QTY}
 * @param elements the data elements after the tag, each a list of its components
 * @param text     the segment as it stood in the file (without terminator), for error messages
 */
public record Segment(long number, String tag, List<List<String>> elements, String text) {

    private static final int SHOWN = 120;

    /** Component {@code component} of data element {@code element} (both 0-based, after the tag), or "" if absent. */
    public String value(int element, int component) {
        if (element >= elements.size()) {
            return "";
        }
        List<String> comps = elements.get(element);
        return component < comps.size() ? comps.get(component) : "";
    }

    /** The first component of data element {@code element}, or "". */
    public String value(int element) {
        return value(element, 0);
    }

    /** The segment text shortened for messages. */
    public String shortText() {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
