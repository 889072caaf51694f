package de.stadtwerk.hub.transform;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quantity;
import de.stadtwerk.hub.store.SeriesIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an observation as a source hands it in into its canonical form, or says why it cannot:
 * required fields → asset enrichment (id or external id from the master data) → unit conversion to the
 * canonical unit of the quantity → series id → plausibility → lineage.
 */
public final class ObservationNormaliser {

    /** Either the canonical observation or the reason it was rejected. */
    public record Outcome(Observation observation, String rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:\\-/+@#]{1,200}");

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
        String assetId = in.assetId().trim();
        Optional<Asset> asset = assets.resolve(assetId);
        if (asset.isPresent()) {
            assetId = asset.get().id();
        } else if (requireKnownAsset) {
            return reject("asset '" + assetId + "' is not in the master data (hub.ingest.require-known-asset=true)");
        }
        if (!ID.matcher(assetId).matches()) {
            return reject("field assetId '" + abbreviate(assetId) + "' has characters or a length that is not allowed");
        }
        if (in.quantity() == null) {
            return reject("field quantity is missing");
        }
        if (!Quantity.isKnown(in.quantity())) {
            return reject("field quantity: unknown quantity '" + abbreviate(in.quantity()) + "'");
        }
        Quantity quantity = Quantity.ofCode(in.quantity());
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
        if (!ID.matcher(seriesId).matches()) {
            return reject("field seriesId '" + abbreviate(seriesId) + "' has characters or a length that is not allowed");
        }
        Observation canonical = new Observation(seriesId, assetId, quantity.code(), value, unit, in.start(), in.end(),
                in.quality(), in.source() != null ? in.source() : defaultSource,
                in.receivedAt() != null ? in.receivedAt() : now);
        String implausible = plausibility.check(canonical, quantity, now);
        if (implausible != null) {
            return reject("implausible: " + implausible);
        }
        return new Outcome(canonical, null);
    }

    private static Outcome reject(String reason) {
        return new Outcome(null, reason);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
