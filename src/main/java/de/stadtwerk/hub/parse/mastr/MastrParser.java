package de.stadtwerk.hub.parse.mastr;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.parse.internal.SafeXml;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the Marktstammdatenregister public export ({@code EinheitenSolar*.xml}, {@code EinheitenWind*.xml}
 * from the Gesamtdatenexport). The files are gigabytes and UTF-16 with a byte-order mark; StAX reads the encoding
 * from the BOM and the XML declaration, and only one unit is held at a time. Units whose {@code Postleitzahl} is
 * in the configured set (empty = all) become {@link MastrUnit}s; power in kW becomes W.
 */
public final class MastrParser {

    private static final Map<String, String> KINDS = Map.of(
            "EinheitSolar", "pv_plant",
            "EinheitWind", "wind_turbine");

    private final Set<String> postcodes;

    /** @param postcodes postcodes to keep; empty keeps all */
    public MastrParser(Set<String> postcodes) {
        this.postcodes = Set.copyOf(postcodes);
    }

    /** Reads all selected units into a list (use {@link #stream} for a whole export). */
    public List<MastrUnit> parse(InputStream in, String fileName) {
        List<MastrUnit> out = new ArrayList<>();
        stream(in, fileName, out::add);
        return out;
    }

    /**
     * Streams the selected units to {@code sink}; returns the number of units read (selected or not).
     *
     * @param fileName the export file's name, for error messages
     */
    public long stream(InputStream in, String fileName, Consumer<MastrUnit> sink) {
        String what = "MaStR export '" + fileName + "'";
        XMLStreamReader r = SafeXml.open(in, what);
        long count = 0;
        try {
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    if (ev == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    continue;
                }
                depth++;
                String el = r.getLocalName();
                if (depth == 1) {
                    if (!el.startsWith("Einheiten")) {
                        throw new BadInputException(what + " is not a MaStR unit export: root element is <" + el
                                + ">, expected <EinheitenSolar> or <EinheitenWind>");
                    }
                } else if (depth == 2) {
                    String kind = KINDS.get(el);
                    if (kind == null) {
                        throw new BadInputException(what + ": unexpected element <" + el + "> at line " + SafeXml.line(r)
                                + ", expected one of " + KINDS.keySet());
                    }
                    int line = SafeXml.line(r);
                    Map<String, String> fields = readUnit(r, el);
                    depth--; // readUnit consumed the end tag
                    count++;
                    String plz = fields.get("Postleitzahl");
                    if (postcodes.isEmpty() || (plz != null && postcodes.contains(plz))) {
                        sink.accept(unit(fields, kind, what + " <" + el + "> at line " + line));
                    }
                }
            }
            if (depth != 0) {
                throw new BadInputException(what + " ends before its root element is closed");
            }
            return count;
        } catch (XMLStreamException e) {
            throw SafeXml.malformed(what, e);
        } finally {
            SafeXml.close(r);
        }
    }

    /** The text of each child element of a unit; the reader ends on the unit's end tag. */
    private static Map<String, String> readUnit(XMLStreamReader r, String unitElement) throws XMLStreamException {
        Map<String, String> fields = new HashMap<>();
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                String text = r.getElementText().strip();
                if (!text.isEmpty()) {
                    fields.put(name, text);
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && unitElement.equals(r.getLocalName())) {
                return fields;
            }
        }
        throw new XMLStreamException("document ends inside <" + unitElement + ">", r.getLocation());
    }

    private static MastrUnit unit(Map<String, String> f, String kind, String where) {
        String number = f.get("EinheitMastrNummer");
        if (number == null) {
            throw new BadInputException(where + " has no EinheitMastrNummer");
        }
        String at = where + " (" + number + ")";
        Double gross = kW(f, "Bruttoleistung", at);
        Double net = kW(f, "Nettonennleistung", at);
        Double lat = number(f, "Breitengrad", at);
        Double lon = number(f, "Laengengrad", at);
        if (lat != null && (lat < -90 || lat > 90) || lon != null && (lon < -180 || lon > 180)) {
            throw new BadInputException(at + ": Breitengrad/Laengengrad " + lat + "/" + lon + " is not a WGS84 position");
        }
        String name = f.getOrDefault("NameStromerzeugungseinheit", number);
        Asset asset = new Asset("mastr-" + number, name, kind, lat, lon, null, f.get("Postleitzahl"),
                gross != null ? gross : net, Map.of("mastr", number));
        return new MastrUnit(asset, f.get("Ort"), gross, net, date(f, "Inbetriebnahmedatum", at),
                number(f, "Nabenhoehe", at), f.get("EinheitBetriebsstatus"));
    }

    private static Double kW(Map<String, String> f, String field, String at) {
        Double kw = number(f, field, at);
        if (kw != null && kw < 0) {
            throw new BadInputException(at + ": " + field + " is negative (" + f.get(field) + " kW)");
        }
        return kw == null ? null : kw * 1000.0;
    }

    private static Double number(Map<String, String> f, String field, String at) {
        String s = f.get(field);
        if (s == null) {
            return null;
        }
        // the export writes a decimal point; accept a German decimal comma from hand-edited files too
        String n = s.indexOf(',') >= 0 && s.indexOf('.') < 0 ? s.replace(',', '.') : s;
        try {
            return Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw new BadInputException(at + ": " + field + " is '" + s + "', expected a number");
        }
    }

    private static LocalDate date(Map<String, String> f, String field, String at) {
        String s = f.get(field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new BadInputException(at + ": " + field + " is '" + s + "', expected yyyy-MM-dd");
        }
    }
}
