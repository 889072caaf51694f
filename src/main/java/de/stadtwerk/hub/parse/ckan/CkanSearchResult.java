package de.stadtwerk.hub.parse.ckan;

import java.util.List;

/**
 * One page of a {@code package_search} answer.
 *
 * @param count    total number of matching datasets (over all pages)
 * @param datasets the datasets of this page
 */
public record CkanSearchResult(long count, List<CkanDataset> datasets) {

    public CkanSearchResult {
        datasets = List.copyOf(datasets);
    }
}
