package de.stadtwerk.hub.publish.export.ckan;

import java.util.List;
import java.util.Map;

/**
 * One dataset the hub publishes on a CKAN portal: its DCAT-AP.de metadata and the feeds that become its resources
 * (an entry of {@code config/ckan-datasets.yaml}).
 *
 * @param name       CKAN name (URL slug): lower case letters, digits, - and _
 * @param ownerOrg   the CKAN organisation (name or id) that owns it
 * @param licenseId  CKAN/GovData licence id, e.g. {@code dl-by-de/2.0} or {@code cc-by/4.0}
 * @param extras     DCAT-AP.de fields kept as CKAN extras (publisher_*, contact_*, contributorID, temporal_*,
 *                   spatial, politicalGeocodingURI, issued …), in the order of the file
 * @param resources  feeds of config/feeds.yaml published as resources of the dataset
 */
public record CkanDataset(String name, String title, String notes, String ownerOrg, String licenseId,
                          String author, String authorEmail, String maintainer, String maintainerEmail, String url,
                          List<String> tags, List<String> groups, Map<String, String> extras,
                          List<Resource> resources) {

    /** A feed published as a resource. */
    public record Resource(String feed, String name, String description) {
    }

    public CkanDataset {
        tags = List.copyOf(tags);
        groups = List.copyOf(groups);
        extras = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
        resources = List.copyOf(resources);
    }
}
