package de.stadtwerk.hub.store;

import java.util.Arrays;

/** Bucket sizes for aggregated queries. Days are local days of the requested time zone (23 or 25 hours at DST). */
public enum Resolution {
    MIN_15("15min", 900),
    HOUR("1h", 3600),
    DAY("1d", 86400);

    private final String code;
    private final int seconds;

    Resolution(String code, int seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    public String code() {
        return code;
    }

    /** Nominal length in seconds (a local day may be 23 or 25 hours). */
    public int seconds() {
        return seconds;
    }

    public static Resolution ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown resolution '" + code + "', expected 15min, 1h or 1d"));
    }
}
