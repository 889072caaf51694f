package de.stadtwerk.hub.parse.ckan;

/**
 * A resource (a downloadable file or API) of a CKAN dataset.
 *
 * @param id     resource id, or null
 * @param name   resource name
 * @param format declared format, e.g. {@code CSV}; may be empty
 * @param url    download or access URL
 */
public record CkanResource(String id, String name, String format, String url) {
}
