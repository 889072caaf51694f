package de.stadtwerk.hub.parse.ckan;

import java.time.Instant;
import java.util.List;

/**
 * A CKAN dataset ("package") as the harvest needs it.
 *
 * @param id           package id (UUID)
 * @param name         URL name (slug)
 * @param title        title
 * @param organisation title of the publishing organisation (its name when it has no title), or null
 * @param licenceId    {@code license_id}, e.g. {@code cc-by}, {@code dl-by-de/2.0}; may be null
 * @param licenceTitle {@code license_title}, e.g. "Creative Commons Attribution"; may be null
 * @param modified     {@code metadata_modified} (CKAN writes UTC without offset), or null
 * @param resources    the resources, in CKAN's order
 */
public record CkanDataset(String id, String name, String title, String organisation, String licenceId,
                          String licenceTitle, Instant modified, List<CkanResource> resources) {

    public CkanDataset {
        resources = List.copyOf(resources);
    }
}
