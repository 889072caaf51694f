package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Parses DWD MOSMIX_L / MOSMIX_S point forecasts: a KMZ (zip) holding one KML, or the KML itself. The KML is
 * streamed with StAX (MOSMIX_S for all stations is large); its encoding (ISO-8859-1) comes from the XML
 * declaration. Values of the {@link MosmixElement}s of the selected stations become {@link Forecast}s of the
 * station's weather asset ({@code dwd-<stationId>}), issued at {@code dwd:IssueTime}, in canonical units.
 * A missing value ({@code -}) gives no forecast.
 */
public final class MosmixParser {

    /** Default lineage written into {@link Forecast#source()}. */
    public static final String DEFAULT_SOURCE = "dwd-mosmix";

    private final Set<String> stationIds;
    private final String defaultProduct;
    private final String source;

    /**
     * @param stationIds     stations to take; empty takes all
     * @param defaultProduct product name when it cannot be read from a KMZ entry name, e.g. {@code MOSMIX_L}
     * @param source         lineage for {@link Forecast#source()}
     */
    public MosmixParser(Set<String> stationIds, String defaultProduct, String source) {
        this.stationIds = Set.copyOf(stationIds);
        this.defaultProduct = defaultProduct;
        this.source = source;
    }

    /** Stations as given, product MOSMIX_L unless the KMZ says otherwise, source {@value #DEFAULT_SOURCE}. */
    public MosmixParser(Set<String> stationIds) {
        this(stationIds, "MOSMIX_L", DEFAULT_SOURCE);
    }

    /** Parses a KMZ or KML completely into memory; for a few stations. */
    public MosmixDocument parse(InputStream kmzOrKml) {
        List<MosmixStation> stations = new ArrayList<>();
        List<Forecast> forecasts = new ArrayList<>();
        MosmixHeader header = stream(kmzOrKml, (station, values) -> {
            stations.add(station);
            forecasts.addAll(values);
        });
        return new MosmixDocument(header, stations, forecasts);
    }

    /** Streams a KMZ or KML to {@code listener}, one station at a time; returns the header. */
    public MosmixHeader stream(InputStream kmzOrKml, MosmixListener listener) {
        BufferedInputStream in = new BufferedInputStream(kmzOrKml);
        try {
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                return streamKmz(in, listener);
            }
            return new MosmixKmlReader(in, defaultProduct, "MOSMIX KML", stationIds, source, listener).read();
        } catch (IOException e) {
            throw new BadInputException("MOSMIX input could not be read: " + e.getMessage(), e);
        }
    }

    private MosmixHeader streamKmz(InputStream in, MosmixListener listener) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        List<String> seen = new ArrayList<>();
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String name = e.getName();
            seen.add(name);
            if (!e.isDirectory() && name.toLowerCase(Locale.ROOT).endsWith(".kml")) {
                return new MosmixKmlReader(zip, productOf(name), "MOSMIX KML '" + name + "' in KMZ", stationIds,
                        source, listener).read();
            }
        }
        throw new BadInputException("MOSMIX KMZ holds no .kml entry (entries: " + seen + ")");
    }

    /** {@code MOSMIX_L_2023041209.kml} → {@code MOSMIX_L}; {@code MOSMIX_S_LATEST_240.kml} → {@code MOSMIX_S}. */
    private String productOf(String entryName) {
        String base = entryName.substring(entryName.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        if (base.startsWith("MOSMIX_L")) {
            return "MOSMIX_L";
        }
        if (base.startsWith("MOSMIX_S")) {
            return "MOSMIX_S";
        }
        return defaultProduct;
    }
}
