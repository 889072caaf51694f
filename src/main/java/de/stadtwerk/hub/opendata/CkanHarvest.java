package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.parse.ckan.CkanParser;
import de.stadtwerk.hub.parse.ckan.CkanSearchResult;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.DatasetCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CKAN harvest (bean {@code ckanHarvest}): {@code package_search} for each configured query, page by page, into
 * the dataset catalogue (title, organisation, licence, resources, modified), so the IT team sees which open
 * datasets exist. The first page tells how many there are; the further pages are fetched from it.
 */
public class CkanHarvest {

    /** Lineage of the catalogue. */
    public static final String SOURCE = "ckan";
    static final String ROUTE = "opendata-ckan-run";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CkanHarvest.class);

    /** One page of one query. */
    public record Page(String query, int start) {
    }

    private final OpenDataGateway gateway;
    private final DatasetCatalogue catalogue;
    private final CkanParser parser = new CkanParser();
    private final String portal;
    private final List<String> queries;
    private final int rows;
    private final int maxPages;
    private final long maxBytes;
    private final Duration bodyTimeout;

    public CkanHarvest(OpenDataGateway gateway, DatasetCatalogue catalogue, String portal, List<String> queries,
                       int rows, int maxPages, long maxBytes, Duration bodyTimeout) {
        this.gateway = gateway;
        this.catalogue = catalogue;
        this.portal = portal.endsWith("/") ? portal.substring(0, portal.length() - 1) : portal;
        this.queries = List.copyOf(queries);
        this.rows = rows;
        this.maxPages = maxPages;
        this.maxBytes = maxBytes;
        this.bodyTimeout = bodyTimeout;
    }

    /** The first page of every query. */
    public List<OpenDataRequest> firstPages() {
        return queries.stream().map(q -> request(new Page(q, 0))).toList();
    }

    private OpenDataRequest request(Page page) {
        String url = portal + "/api/3/action/package_search?q=" + URLEncoder.encode(page.query(), StandardCharsets.UTF_8)
                + "&rows=" + rows + "&start=" + page.start();
        return new OpenDataRequest(SOURCE, ROUTE, url, "ckan/package_search.json", page, maxBytes, false, false,
                bodyTimeout);
    }

    /**
     * Stores the datasets of a page; for the first page returns the requests of the further pages (up to
     * {@code max-pages}), else nothing. A malformed answer is quarantined.
     */
    public List<OpenDataRequest> importPage(OpenDataAnswer answer) {
        Page page = answer.request().subject(Page.class);
        CkanSearchResult result;
        try (InputStream in = answer.openBody()) {
            result = parser.packageSearch(in);
        } catch (BadInputException e) {
            gateway.reject(answer, e.getMessage());
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catalogue.upsert(portal, page.query(), result.datasets());
        gateway.imported(answer);
        LOG.info("CKAN {} query '{}' from {}: {} of {} datasets catalogued", portal, page.query(), page.start(),
                result.datasets().size(), result.count());
        List<OpenDataRequest> more = new ArrayList<>();
        if (page.start() == 0) {
            for (int p = 1; p < maxPages && (long) p * rows < result.count(); p++) {
                more.add(request(new Page(page.query(), p * rows)));
            }
        }
        return more;
    }

    public String portal() {
        return portal;
    }
}
