package de.stadtwerk.hub.publish.api;

import java.util.List;
import java.util.Set;

/**
 * A partner from {@code config/partners.yaml}: its keys (SHA-256 hashes only), its own rate limit (null: the
 * default) and its grants: datasets by id plus selections of assets and series.
 */
public record Partner(String id, String name, List<ConfiguredKey> keys, Integer ratePerMinute,
                      Set<String> datasets, List<Selection> selections) {

    /** A key given in the partner file: its hash and a label. */
    public record ConfiguredKey(String sha256, String label) {
    }
}
