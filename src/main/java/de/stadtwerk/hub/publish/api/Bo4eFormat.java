package de.stadtwerk.hub.publish.api;

import java.util.Locale;

/**
 * The BO4E representations of observations ({@code /series/{id}/observations}): chosen by
 * {@code format=bo4e-lastgang|bo4e-energiemenge} or by the media types {@code application/vnd.bo4e.lastgang+json}
 * and {@code application/vnd.bo4e.energiemenge+json} in {@code Accept}; the answer carries the media type asked for
 * ({@code application/json} when asked by {@code format}).
 */
enum Bo4eFormat {
    LASTGANG("bo4e-lastgang", "application/vnd.bo4e.lastgang+json"),
    ENERGIEMENGE("bo4e-energiemenge", "application/vnd.bo4e.energiemenge+json");

    final String code;
    final String mediaType;

    Bo4eFormat(String code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    /** The BO4E form a request asks for, or null (then {@link Output.Format#of} decides: JSON or CSV). */
    static Bo4eFormat of(ApiRequest r) {
        String format = r.param("format");
        if (format != null) {
            for (Bo4eFormat f : values()) {
                if (f.code.equals(format.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            return null;
        }
        String accept = r.headerLower("Accept");
        for (Bo4eFormat f : values()) {
            if (accept.contains(f.mediaType)) {
                return f;
            }
        }
        return null;
    }

    /** The content type of the answer: the BO4E media type when the client asked by Accept. */
    String contentType(ApiRequest r) {
        return r.param("format") == null ? mediaType : Output.JSON;
    }
}
