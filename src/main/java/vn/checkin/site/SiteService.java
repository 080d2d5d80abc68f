package vn.checkin.site;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;
import vn.checkin.common.PageResponse;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static vn.checkin.site.SiteRequests.CreateSite;
import static vn.checkin.site.SiteRequests.PatchSite;
import static vn.checkin.site.SiteRequests.SiteView;

/** Sites and their QR codes. Callers pass the caller's visible sites; scope is enforced by the resource. */
@ApplicationScoped
public class SiteService {

    public static final String DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";
    public static final int DEFAULT_STAY_MINUTES = 240;

    private final SiteRepository sites;
    private final SiteEntrances entrances;
    private final QrSigner signer;
    private final AuditTrail audit;
    private final Clock clock;

    SiteService(SiteRepository sites, SiteEntrances entrances, QrSigner signer, AuditTrail audit, Clock clock) {
        this.sites = sites;
        this.entrances = entrances;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public SiteView create(CreateSite request) {
        if (sites.byCode(request.code()).isPresent()) {
            throw ApiException.conflict("duplicate-site-code", "A site with this code already exists.");
        }
        Instant now = now();
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.code = request.code();
        site.name = request.name().trim();
        site.address = request.address();
        site.organization = request.organization();
        site.timeZone = checkedZone(request.timeZone() == null ? DEFAULT_TIME_ZONE : request.timeZone());
        site.defaultStayMinutes = request.defaultStayMinutes() == null
                ? DEFAULT_STAY_MINUTES : request.defaultStayMinutes();
        site.qrVersion = 1;
        site.active = true;
        site.createdAt = now;
        site.updatedAt = now;
        sites.persist(site);
        entrances.changed();
        audit.record(AuditAction.SITE_CREATE, site.id, Map.of("code", site.code));
        return view(site);
    }

    @Transactional
    public PageResponse<SiteView> list(Set<UUID> visible, String text, Boolean active, int page, int size) {
        PanacheQuery<Site> query = sites.search(visible, text, active);
        return new PageResponse<>(query.page(page, size).list().stream().map(this::view).toList(),
                query.count(), page, size);
    }

    @Transactional
    public SiteView get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public SiteView patch(UUID id, PatchSite request) {
        Site site = find(id);
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw ApiException.invalid("name", "must not be blank");
            }
            site.name = request.name().trim();
        }
        if (request.address() != null) {
            site.address = request.address();
        }
        if (request.organization() != null) {
            site.organization = request.organization();
        }
        if (request.timeZone() != null) {
            String zone = checkedZone(request.timeZone());
            if (!zone.equals(site.timeZone)) {
                site.timeZone = zone;
                sites.reportChanged(site.id);
            }
        }
        if (request.defaultStayMinutes() != null) {
            site.defaultStayMinutes = request.defaultStayMinutes();
        }
        if (request.active() != null) {
            site.active = request.active();
        }
        if (request.kioskOnly() != null) {
            site.kioskOnly = request.kioskOnly();
        }
        site.updatedAt = now();
        entrances.changed();
        audit.record(AuditAction.SITE_UPDATE, site.id, changedFields(request));
        return view(site);
    }

    /** A new QR version: every code printed before is refused from now on. */
    @Transactional
    public SiteView rotate(UUID id) {
        Site site = find(id);
        site.qrVersion++;
        site.updatedAt = now();
        entrances.changed();
        audit.record(AuditAction.QR_ROTATE, site.id, Map.of("qrVersion", site.qrVersion));
        return view(site);
    }

    /** The signed URL of the site's current code; read through {@link SiteEntrances}, as QR images are asked often. */
    public String checkinUrl(UUID id) {
        SiteEntrances.Entrance site = entrances.byId(id).orElseThrow(() -> ApiException.notFound("Site " + id));
        return signer.checkinUrl(site.code(), site.qrVersion());
    }

    Site find(UUID id) {
        return sites.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Site " + id));
    }

    private SiteView view(Site site) {
        return new SiteView(site.id, site.code, site.name, site.address, site.organization, site.timeZone,
                site.defaultStayMinutes, site.qrVersion, site.active, site.kioskOnly,
                signer.checkinUrl(site.code, site.qrVersion), site.createdAt, site.updatedAt);
    }

    private static Map<String, Object> changedFields(PatchSite request) {
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("name", request.name() == null ? null : "changed");
        changed.put("address", request.address() == null ? null : "changed");
        changed.put("organization", request.organization() == null ? null : "changed");
        changed.put("timeZone", request.timeZone());
        changed.put("defaultStayMinutes", request.defaultStayMinutes());
        changed.put("active", request.active());
        changed.put("kioskOnly", request.kioskOnly());
        return changed;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String checkedZone(String zone) {
        try {
            return ZoneId.of(zone.trim()).getId();
        } catch (DateTimeException e) {
            throw ApiException.invalid("timeZone", "must be a time zone id such as Asia/Ho_Chi_Minh");
        }
    }
}
