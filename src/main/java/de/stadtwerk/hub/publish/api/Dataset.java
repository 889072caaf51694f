package de.stadtwerk.hub.publish.api;

/**
 * A dataset of the catalogue ({@code config/datasets.yaml}): what a partner may see as one unit, with its
 * licence and the attribution a user must show.
 */
public record Dataset(String id, String title, String description, String licence, String attribution,
                      boolean isPublic, Selection selection) {
}
