package vn.checkin.visit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What in a declaration needs the reception's attention. */
public enum RiskFlag {
    FEVER, SYMPTOMS, CLOSE_CONTACT, OUTBREAK_AREA;

    public static final BigDecimal FEVER_FROM_C = new BigDecimal("37.5");

    public static List<RiskFlag> of(BigDecimal temperatureC, Collection<Symptom> symptoms,
                                    boolean closeContact, boolean outbreakArea) {
        List<RiskFlag> flags = new ArrayList<>();
        if ((temperatureC != null && temperatureC.compareTo(FEVER_FROM_C) >= 0) || symptoms.contains(Symptom.FEVER)) {
            flags.add(FEVER);
        }
        if (!symptoms.isEmpty()) {
            flags.add(SYMPTOMS);
        }
        if (closeContact) {
            flags.add(CLOSE_CONTACT);
        }
        if (outbreakArea) {
            flags.add(OUTBREAK_AREA);
        }
        return flags;
    }
}
