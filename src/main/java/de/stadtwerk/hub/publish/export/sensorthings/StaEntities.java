package de.stadtwerk.hub.publish.export.sensorthings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.store.SeriesInfo;
import java.util.Locale;
import java.util.Map;

/**
 * How hub objects become SensorThings entities: an asset a Thing (with its Location when it has coordinates), an
 * asset kind a Sensor, a quantity an ObservedProperty, a series a Datastream. Each carries a stable
 * {@code properties.hubId}, by which the push finds it again on the server.
 */
final class StaEntities {

    static final String THING = "THING";
    static final String SENSOR = "SENSOR";
    static final String OBSERVED_PROPERTY = "OBSERVED_PROPERTY";
    static final String DATASTREAM = "DATASTREAM";

    /** QUDT quantity kinds of the hub's vocabulary; other quantities get a URN of their own. */
    private static final Map<String, String> DEFINITIONS = Map.ofEntries(
            Map.entry("active_power", "http://qudt.org/vocab/quantitykind/ActivePower"),
            Map.entry("energy_import", "http://qudt.org/vocab/quantitykind/Energy"),
            Map.entry("energy_export", "http://qudt.org/vocab/quantitykind/Energy"),
            Map.entry("volume_flow", "http://qudt.org/vocab/quantitykind/VolumeFlowRate"),
            Map.entry("temperature", "http://qudt.org/vocab/quantitykind/Temperature"),
            Map.entry("global_irradiance", "http://qudt.org/vocab/quantitykind/Irradiance"),
            Map.entry("wind_speed", "http://qudt.org/vocab/quantitykind/Speed"),
            Map.entry("level", "http://qudt.org/vocab/quantitykind/Height"),
            Map.entry("pressure", "http://qudt.org/vocab/quantitykind/Pressure"));

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StaEntities() {
    }

    static String sensorHubId(String kind) {
        return "sensor:" + (kind == null || kind.isBlank() ? "unknown" : kind);
    }

    static String observedPropertyHubId(String quantity) {
        return "quantity:" + quantity;
    }

    static ObjectNode thing(String assetId, Asset asset) {
        ObjectNode t = F.objectNode();
        String name = asset != null && asset.name() != null && !asset.name().isBlank() ? asset.name() : assetId;
        t.put("name", name);
        t.put("description", asset != null && asset.kind() != null
                ? asset.kind() + " " + name + " (Stadtwerk Hub asset " + assetId + ")"
                : "Stadtwerk Hub asset " + assetId);
        ObjectNode p = t.putObject("properties");
        p.put("hubId", assetId);
        if (asset != null) {
            putIf(p, "kind", asset.kind());
            putIf(p, "district", asset.district());
            putIf(p, "postcode", asset.postcode());
            if (asset.lat() != null && asset.lon() != null) {
                ObjectNode loc = t.putArray("Locations").addObject();
                loc.put("name", name);
                loc.put("description", "Standort von " + name);
                loc.put("encodingType", "application/geo+json");
                ObjectNode point = loc.putObject("location");
                point.put("type", "Point");
                point.putArray("coordinates").add(asset.lon()).add(asset.lat());
                loc.putObject("properties").put("hubId", "location:" + assetId);
            }
        }
        return t;
    }

    static ObjectNode sensor(String kind) {
        String k = kind == null || kind.isBlank() ? "unknown" : kind;
        ObjectNode s = F.objectNode();
        s.put("name", "Stadtwerk Hub " + k);
        s.put("description", "Values of assets of kind " + k + " as collected by the Stadtwerk Hub");
        s.put("encodingType", "text/plain");
        s.put("metadata", "asset kind " + k);
        s.putObject("properties").put("hubId", sensorHubId(kind));
        return s;
    }

    static ObjectNode observedProperty(String quantity) {
        ObjectNode o = F.objectNode();
        o.put("name", quantity);
        o.put("definition", DEFINITIONS.getOrDefault(quantity, "urn:stadtwerk-hub:quantity:" + quantity));
        o.put("description", "Quantity " + quantity + " of the Stadtwerk Hub vocabulary");
        o.putObject("properties").put("hubId", observedPropertyHubId(quantity));
        return o;
    }

    static ObjectNode datastream(SeriesInfo series, Asset asset, String thingId, String sensorId, String propertyId) {
        ObjectNode d = F.objectNode();
        String assetName = asset != null && asset.name() != null && !asset.name().isBlank() ? asset.name() : series.assetId();
        d.put("name", assetName + " – " + series.quantity()
                + (series.qualifier() == null || series.qualifier().isBlank() ? "" : " (" + series.qualifier() + ")"));
        d.put("description", "Series " + series.id() + " of the Stadtwerk Hub");
        d.put("observationType", "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement");
        ObjectNode unit = d.putObject("unitOfMeasurement");
        unit.put("name", unitName(series.unit()));
        unit.put("symbol", series.unit());
        unit.put("definition", "http://unitsofmeasure.org/ucum.html#" + series.unit());
        ObjectNode p = d.putObject("properties");
        p.put("hubId", series.id());
        p.put("assetId", series.assetId());
        p.put("quantity", series.quantity());
        putIf(p, "qualifier", series.qualifier());
        d.putObject("Thing").set("@iot.id", StaClient.jsonId(thingId));
        d.putObject("Sensor").set("@iot.id", StaClient.jsonId(sensorId));
        d.putObject("ObservedProperty").set("@iot.id", StaClient.jsonId(propertyId));
        return d;
    }

    private static String unitName(String ucum) {
        return switch (ucum.toLowerCase(Locale.ROOT)) {
            case "w" -> "Watt";
            case "kw" -> "Kilowatt";
            case "wh" -> "Watt hour";
            case "kwh" -> "Kilowatt hour";
            case "m3" -> "Cubic metre";
            case "m3/h" -> "Cubic metre per hour";
            case "cel" -> "Degree Celsius";
            case "w/m2" -> "Watt per square metre";
            case "m/s" -> "Metre per second";
            case "bar" -> "Bar";
            case "%" -> "Percent";
            case "m" -> "Metre";
            default -> ucum;
        };
    }

    private static void putIf(ObjectNode n, String key, String value) {
        if (value != null && !value.isBlank()) {
            n.put(key, value);
        }
    }
}
