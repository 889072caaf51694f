package de.stadtwerk.hub.forecast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The static BDEW profile table: per profile, season and day type 96 quarter-hour values (W per 1,000 kWh/a, index 0 =
 * 00:00–00:15 local time). Loaded from {@code slp/bdew_slp_1999_representative_profiles.csv} on the classpath.
 */
public final class StandardLoadProfiles {

    public static final String RESOURCE = "slp/bdew_slp_1999_representative_profiles.csv";
    public static final int QUARTER_HOURS = 96;

    private final Map<String, double[]> table;

    private StandardLoadProfiles(Map<String, double[]> table) {
        this.table = table;
    }

    /** The table shipped with the hub. */
    public static StandardLoadProfiles bundled() {
        InputStream in = StandardLoadProfiles.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
        }
        try (in) {
            return read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a table in the tidy form {@code profile_id,period,day,timestamp,watts}; errors name the line. */
    public static StandardLoadProfiles read(InputStream in, String name) throws IOException {
        Map<String, double[]> table = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                String[] hm = f[3].trim().split(":");
                int qh = Integer.parseInt(hm[0]) * 4 + Integer.parseInt(hm[1]) / 15;
                String key = key(LoadProfileId.valueOf(f[0].trim()), f[1].trim(), f[2].trim());
                table.computeIfAbsent(key, k -> new double[QUARTER_HOURS])[qh] = Double.parseDouble(f[4].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": cannot read '" + line + "'", e);
            }
        }
        return new StandardLoadProfiles(Map.copyOf(table));
    }

    /** The 96 static values of a profile for a season and day type (a copy). */
    public double[] values(LoadProfileId profile, Season season, DayType dayType) {
        double[] v = table.get(key(profile, season.code(), dayType.code()));
        if (v == null) {
            throw new IllegalArgumentException("no profile values for " + profile + "/" + season + "/" + dayType);
        }
        return v.clone();
    }

    private static String key(LoadProfileId profile, String season, String dayType) {
        return profile + "/" + season.toLowerCase(Locale.ROOT) + "/" + dayType.toLowerCase(Locale.ROOT);
    }
}
