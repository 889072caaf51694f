package de.stadtwerk.hub.parse.mosmix;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.parse.internal.SafeXml;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Units;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** One pass over one MOSMIX KML document, for {@link MosmixParser}. */
final class MosmixKmlReader {
    private final Set<String> stationIds;
    private final String source;
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

    MosmixKmlReader(InputStream in, String product, String what, Set<String> stationIds, String source,
                    MosmixListener listener) {
        this.stationIds = stationIds;
        this.source = source;
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
