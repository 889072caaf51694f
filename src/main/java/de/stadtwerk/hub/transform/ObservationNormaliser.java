package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.store.SeriesIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an observation as a source hands it in into its canonical form, or says why it cannot:
 * required fields → asset enrichment (id or external id from the master data) → unit conversion to the
 * canonical unit of the quantity → series id → plausibility → lineage.
 */
public final class ObservationNormaliser {

    /**
     * Either the canonical observation or the reason it was rejected; {@code flag}: why an accepted observation's
     * quality was lowered to SUSPECT (outside the configured range), else null.
     */
    public record Outcome(Observation observation, String rejection, String flag) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    /** Ids are 1–200 letters, digits and {@code . _ : - / + @ #}. */
    static boolean isValidId(String s) {
        int n = s.length();
        if (n == 0 || n > 200) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '_' || ch == ':' || ch == '-' || ch == '/' || ch == '+' || ch == '@' || ch == '#'
                    || (ch > 127 && Character.isLetterOrDigit(ch));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private final AssetRegistry assets;
    private final Plausibility plausibility;
    private final boolean requireKnownAsset;

    public ObservationNormaliser(AssetRegistry assets, Plausibility plausibility, boolean requireKnownAsset) {
        this.assets = assets;
        this.plausibility = plausibility;
        this.requireKnownAsset = requireKnownAsset;
    }

    public Outcome normalise(Observation in, String defaultSource, Instant now) {
        if (in.assetId() == null || in.assetId().isBlank()) {
            return reject("field assetId is missing");
        }
        String assetId = in.assetId().strip();
        Optional<Asset> asset = assets.resolve(assetId);
        if (asset.isPresent()) {
            assetId = asset.get().id();
        } else if (requireKnownAsset) {
            return reject("asset '" + assetId + "' is not in the master data (hub.ingest.require-known-asset=true)");
        }
        if (!isValidId(assetId)) {
            return reject("field assetId '" + abbreviate(assetId) + "' has characters or a length that is not allowed");
        }
        if (in.quantity() == null) {
            return reject("field quantity is missing");
        }
        Quantity quantity = Quantity.lookup(in.quantity());
        if (quantity == null) {
            return reject("field quantity: unknown quantity '" + abbreviate(in.quantity()) + "'");
        }
        if (in.start() == null) {
            return reject("field start is missing");
        }
        double value = in.value();
        String unit = quantity.canonicalUnit();
        if (in.unit() != null && !in.unit().equals(unit)) {
            try {
                Duration interval = Duration.between(in.start(), in.end());
                value = Units.convert(in.value(), in.unit(), unit, interval.isZero() ? null : interval);
            } catch (Units.UnitException e) {
                return reject("field unit: " + e.getMessage() + " (quantity " + quantity.code() + " is stored in " + unit + ")");
            }
        }
        String seriesId = in.seriesId() == null ? SeriesIds.of(assetId, quantity.code(), null) : in.seriesId().trim();
        if (!isValidId(seriesId)) {
            return reject("field seriesId '" + abbreviate(seriesId) + "' has characters or a length that is not allowed");
        }
        Observation canonical = new Observation(seriesId, assetId, quantity.code(), value, unit, in.start(), in.end(),
                in.quality(), in.source() != null ? in.source() : defaultSource,
                in.receivedAt() != null ? in.receivedAt() : now);
        String implausible = plausibility.check(canonical, quantity, now);
        if (implausible != null) {
            return reject("implausible: " + implausible);
        }
        String flag = plausibility.rangeFlag(canonical, quantity);
        if (flag != null && canonical.quality().compareTo(Quality.SUSPECT) < 0 && canonical.quality() != Quality.FORECAST) {
            return new Outcome(canonical.withQuality(Quality.SUSPECT), null, flag);
        }
        return new Outcome(canonical, null, null);
    }

    private static Outcome reject(String reason) {
        return new Outcome(null, reason, null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
