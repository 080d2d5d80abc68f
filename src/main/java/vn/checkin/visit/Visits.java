package vn.checkin.visit;

import vn.checkin.common.ApiException;
import vn.checkin.common.TimeOrderedIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static vn.checkin.visit.VisitRequests.DeclarationInput;
import static vn.checkin.visit.VisitRequests.VisitorInput;
import static vn.checkin.visit.VisitViews.DeclarationView;
import static vn.checkin.visit.VisitViews.VisitView;
import static vn.checkin.visit.VisitViews.VisitorView;

/** Builds visits from requests and views from visits: the one place that knows both shapes. */
public final class Visits {

    private Visits() {
    }

    public static Visit newVisit(UUID siteId, VisitorInput visitor, DeclarationInput declaration,
                                 String purpose, String hostName, Instant now) {
        Visit visit = new Visit();
        visit.id = TimeOrderedIds.at(now);
        visit.siteId = siteId;
        visit.fullName = visitor.fullName().strip();
        visit.phone = phoneOf(visitor);
        visit.idNumber = blankToNull(visitor.idNumber());
        visit.yearOfBirth = visitor.yearOfBirth();
        visit.address = blankToNull(visitor.address());
        visit.organization = blankToNull(visitor.organization());
        visit.purpose = blankToNull(purpose);
        visit.hostName = blankToNull(hostName);
        Set<Symptom> symptoms = declaration.symptoms() == null
                ? Set.of() : new LinkedHashSet<>(declaration.symptoms());
        visit.temperatureC = declaration.temperatureC();
        visit.symptoms = symptoms.isEmpty() ? null
                : String.join(",", symptoms.stream().sorted().map(Symptom::name).toList());
        visit.closeContact = Boolean.TRUE.equals(declaration.closeContactWithCase());
        visit.outbreakArea = Boolean.TRUE.equals(declaration.visitedOutbreakArea());
        visit.outbreakAreaDetails = blankToNull(declaration.outbreakAreaDetails());
        visit.vaccineDoses = declaration.vaccineDoses();
        List<RiskFlag> flags = RiskFlag.of(visit.temperatureC, symptoms, visit.closeContact, visit.outbreakArea);
        visit.flagFever = flags.contains(RiskFlag.FEVER);
        visit.flagSymptoms = flags.contains(RiskFlag.SYMPTOMS);
        visit.flagCloseContact = flags.contains(RiskFlag.CLOSE_CONTACT);
        visit.flagOutbreakArea = flags.contains(RiskFlag.OUTBREAK_AREA);
        visit.flagged = !flags.isEmpty();
        visit.consentAt = now;
        visit.checkedInAt = now;
        return visit;
    }

    public static List<Symptom> symptoms(Visit visit) {
        if (visit.symptoms == null || visit.symptoms.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(visit.symptoms.split(",")).map(Symptom::valueOf).toList();
    }

    /** The flags stored at check-in; they outlive the declaration's answers when those are erased. */
    public static List<RiskFlag> riskFlags(Visit visit) {
        List<RiskFlag> flags = new ArrayList<>(4);
        if (visit.flagFever) {
            flags.add(RiskFlag.FEVER);
        }
        if (visit.flagSymptoms) {
            flags.add(RiskFlag.SYMPTOMS);
        }
        if (visit.flagCloseContact) {
            flags.add(RiskFlag.CLOSE_CONTACT);
        }
        if (visit.flagOutbreakArea) {
            flags.add(RiskFlag.OUTBREAK_AREA);
        }
        return flags;
    }

    public static VisitorView visitor(Visit visit) {
        return new VisitorView(visit.fullName, visit.phone, visit.idNumber, visit.yearOfBirth, visit.address,
                visit.organization);
    }

    public static VisitView view(Visit visit, String siteName) {
        DeclarationView declaration = new DeclarationView(visit.temperatureC, symptoms(visit), visit.closeContact,
                visit.outbreakArea, visit.outbreakAreaDetails, visit.vaccineDoses);
        return new VisitView(visit.id, visit.siteId, siteName, visitor(visit), visit.purpose, visit.hostName,
                declaration, riskFlags(visit), visit.checkedInAt, visit.checkedOutAt, visit.checkoutSource,
                visit.status(), visit.entrySource);
    }

    /** The visitor's phone, normalised; null when none is given; refused when it is not a phone number. */
    static String phoneOf(VisitorInput visitor) {
        return blankToNull(visitor.phone()) == null ? null : PhoneNumbers.normalise(visitor.phone())
                .orElseThrow(() -> ApiException.invalid("visitor.phone", "must be a phone number"));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
