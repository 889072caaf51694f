package de.stadtwerk.hub.publish.energiewetter;

import de.stadtwerk.hub.forecast.SignalLevel;

/** German words and colours of the levels, shared by the page, the clock face and the legend. */
final class Levels {

    static final String NONE_COLOUR = "#c9c9c9";

    private Levels() {
    }

    static String word(SignalLevel level) {
        if (level == null) {
            return "keine Vorhersage";
        }
        return switch (level) {
            case GREEN -> "Grün";
            case YELLOW -> "Gelb";
            case RED -> "Rot";
        };
    }

    static String colour(SignalLevel level) {
        if (level == null) {
            return NONE_COLOUR;
        }
        return switch (level) {
            case GREEN -> "#2e9d47";
            case YELLOW -> "#f2c200";
            case RED -> "#d7301f";
        };
    }

    static String cssClass(SignalLevel level) {
        return level == null ? "level-none" : "level-" + level.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
