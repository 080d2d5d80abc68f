package vn.checkin.site;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.SearchText;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID> {

    /**
     * The visits of this site's ended days changed (other than a visitor's or the staff's checkout): report
     * figures stored for those days no longer count (see V10__report_site_day.sql). Call in the changing
     * transaction.
     */
    public void reportChanged(UUID siteId) {
        getEntityManager().createNativeQuery("update site set report_version = report_version + 1 where id = ?1")
                .setParameter(1, siteId).executeUpdate();
    }

    /** The site's name, or null for a site that no longer exists. */
    public String nameOf(UUID siteId) {
        return findByIdOptional(siteId).map(s -> s.name).orElse(null);
    }

    public Optional<Site> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** Sites whose name, code or organization contains an optional text (in {@link SearchText} form), limited to {@code visible} unless it is null (all sites). */
    public PanacheQuery<Site> search(Set<UUID> visible, String text, Boolean active) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (visible != null) {
            where.append(" and id in :visible");
            params.and("visible", visible.isEmpty() ? Set.of(new UUID(0, 0)) : visible);
        }
        String pattern = SearchText.containsPattern(text);
        if (pattern != null) {
            where.append(" and searchText like :text escape '!'");
            params.and("text", pattern);
        }
        if (active != null) {
            where.append(" and active = :active");
            params.and("active", active);
        }
        return find(where.toString(), Sort.by("name").and("code"), params);
    }
}
