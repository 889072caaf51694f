package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.internal.SafeXml;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Units;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
            return new KmlReader(in, defaultProduct, "MOSMIX KML", listener).read();
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
                return new KmlReader(zip, productOf(name), "MOSMIX KML '" + name + "' in KMZ", listener).read();
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

    /** One pass over one KML document. */
    private final class KmlReader {
        private final XMLStreamReader r;
        private final String product;
        private final String what;
        private final MosmixListener listener;

        private Instant issueTime;
        private String generatingProcess;
        private String undefSign = "-";
        private final List<Instant> timeSteps = new ArrayList<>();
        private MosmixHeader header;

        // the placemark being read
        private boolean inPlacemark;
        private boolean selected;
        private String stationId;
        private String stationName;
        private String coordinates;
        private final List<String> elements = new ArrayList<>();
        private final List<Forecast> forecasts = new ArrayList<>();

        KmlReader(InputStream in, String product, String what, MosmixListener listener) {
            this.r = SafeXml.open(in, what);
            this.product = product;
            this.what = what;
            this.listener = listener;
        }

        MosmixHeader read() {
            try {
                boolean root = true;
                while (r.hasNext()) {
                    if (r.next() != XMLStreamConstants.START_ELEMENT) {
                        if (r.getEventType() == XMLStreamConstants.END_ELEMENT && inPlacemark
                                && "Placemark".equals(r.getLocalName())) {
                            endPlacemark();
                        }
                        continue;
                    }
                    String el = r.getLocalName();
                    if (root) {
                        if (!"kml".equals(el)) {
                            throw new BadInputException(what + " is not a KML document: root element is <"
                                    + r.getName() + ">, expected <kml:kml>");
                        }
                        root = false;
                        continue;
                    }
                    startElement(el);
                }
                if (header == null) {
                    header = buildHeader();
                    listener.header(header);
                }
                return header;
            } catch (XMLStreamException e) {
                throw SafeXml.malformed(what, e);
            } finally {
                SafeXml.close(r);
            }
        }

        private void startElement(String el) throws XMLStreamException {
            switch (el) {
                case "IssueTime" -> issueTime = instant(r.getElementText(), "dwd:IssueTime");
                case "GeneratingProcess" -> generatingProcess = r.getElementText().strip();
                case "DefaultUndefSign" -> undefSign = r.getElementText().strip();
                case "TimeStep" -> timeSteps.add(instant(r.getElementText(), "dwd:TimeStep"));
                case "Placemark" -> startPlacemark();
                case "name" -> {
                    if (inPlacemark) {
                        stationId = r.getElementText().strip();
                        selected = stationIds.isEmpty() || stationIds.contains(stationId);
                    }
                }
                case "description" -> {
                    if (inPlacemark) {
                        stationName = r.getElementText().strip();
                    }
                }
                case "Forecast" -> {
                    if (inPlacemark) {
                        forecast();
                    }
                }
                case "coordinates" -> {
                    if (inPlacemark && selected) {
                        coordinates = r.getElementText().strip();
                    }
                }
                default -> { }
            }
        }

        private void startPlacemark() {
            if (header == null) {
                header = buildHeader();
                listener.header(header);
            }
            inPlacemark = true;
            selected = false;
            stationId = null;
            stationName = null;
            coordinates = null;
            elements.clear();
            forecasts.clear();
        }

        private MosmixHeader buildHeader() {
            if (issueTime == null) {
                throw new BadInputException(what + " has no dwd:IssueTime in its dwd:ProductDefinition"
                        + " (line " + SafeXml.line(r) + ")");
            }
            if (timeSteps.isEmpty()) {
                throw new BadInputException(what + " has no dwd:ForecastTimeSteps/dwd:TimeStep in its"
                        + " dwd:ProductDefinition (line " + SafeXml.line(r) + ")");
            }
            return new MosmixHeader(product, issueTime, generatingProcess, timeSteps, undefSign);
        }

        private void forecast() throws XMLStreamException {
            String name = r.getAttributeValue(null, "elementName");
            for (int i = 0; name == null && i < r.getAttributeCount(); i++) {
                if ("elementName".equals(r.getAttributeLocalName(i))) {
                    name = r.getAttributeValue(i);
                }
            }
            if (name == null) {
                throw new BadInputException(what + ": dwd:Forecast without dwd:elementName at line " + SafeXml.line(r)
                        + (stationId == null ? "" : " (station " + stationId + ")"));
            }
            elements.add(name);
            MosmixElement element = MosmixElement.byDwdName(name);
            if (!selected || element == null) {
                return;
            }
            // the single child dwd:value holds one token per time step
            int line = SafeXml.line(r);
            String text = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT && "value".equals(r.getLocalName())) {
                    text = r.getElementText();
                } else if (ev == XMLStreamConstants.END_ELEMENT && "Forecast".equals(r.getLocalName())) {
                    break;
                }
            }
            if (text == null) {
                throw new BadInputException(what + ": station " + stationId + " element " + name
                        + " has no dwd:value (line " + line + ")");
            }
            values(element, text.strip(), line);
        }

        private void values(MosmixElement element, String text, int line) {
            String[] tokens = text.isEmpty() ? new String[0] : text.split("\\s+");
            List<Instant> steps = header.timeSteps();
            if (tokens.length != steps.size()) {
                throw new BadInputException(what + ": station " + stationId + " element " + element.dwdName()
                        + " has " + tokens.length + " values but the document has " + steps.size()
                        + " time steps (line " + line + ")");
            }
            String assetId = MosmixStation.assetId(stationId);
            String quantity = element.quantity().code();
            String unit = element.quantity().canonicalUnit();
            String seriesId = SeriesIds.of(assetId, quantity, null);
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                if (t.equals(header.undefSign())) {
                    continue;
                }
                double raw;
                try {
                    raw = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new BadInputException(what + ": station " + stationId + " element " + element.dwdName()
                            + " value #" + (i + 1) + " for " + steps.get(i) + " is '" + t
                            + "', expected a number or '" + header.undefSign() + "' (line " + line + ")");
                }
                if (!Double.isFinite(raw)) {
                    throw new BadInputException(what + ": station " + stationId + " element " + element.dwdName()
                            + " value #" + (i + 1) + " is not finite: '" + t + "' (line " + line + ")");
                }
                Instant end = steps.get(i);
                Instant start = element.accumulation() == null ? end : end.minus(element.accumulation());
                double value = Units.convert(raw, element.dwdUnit(), unit, element.accumulation());
                forecasts.add(new Forecast(seriesId, assetId, quantity, value, unit, start, end,
                        header.issueTime(), header.model(), source));
            }
        }

        private void endPlacemark() {
            inPlacemark = false;
            if (stationId == null) {
                throw new BadInputException(what + ": kml:Placemark without kml:name (station id) ending at line "
                        + SafeXml.line(r));
            }
            if (!selected) {
                return;
            }
            Double lat = null;
            Double lon = null;
            Double height = null;
            if (coordinates != null && !coordinates.isEmpty()) {
                String[] c = coordinates.split(",");
                try {
                    lon = Double.parseDouble(c[0].strip());
                    lat = c.length > 1 ? Double.parseDouble(c[1].strip()) : null;
                    height = c.length > 2 ? Double.parseDouble(c[2].strip()) : null;
                } catch (NumberFormatException e) {
                    throw new BadInputException(what + ": station " + stationId + " has unreadable kml:coordinates '"
                            + coordinates + "', expected lon,lat[,height]");
                }
            }
            listener.station(new MosmixStation(stationId, stationName, lat, lon, height, elements),
                    List.copyOf(forecasts));
        }

        private Instant instant(String text, String field) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new BadInputException(what + ": " + field + " '" + text.strip() + "' is not an ISO-8601 UTC time"
                        + " (line " + SafeXml.line(r) + ")", e);
            }
        }
    }
}
