package de.stadtwerk.hub.opendata;

/**
 * Fetches an open-data answer: {@link PoliteHttpClient} from the portal ({@code hub.opendata.mode=live}) or
 * {@link ReplaySource} from the recordings shipped with the hub ({@code replay}). Both apply the same validator
 * cache, so an unchanged answer is skipped in either mode.
 */
public interface OpenDataClient {

    /**
     * @throws PortalUnavailableException when the portal cannot be reached after the retries (counts for the
     *                                    circuit breaker)
     */
    OpenDataAnswer fetch(OpenDataRequest request);
}
