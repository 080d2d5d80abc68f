package vn.checkin.visit;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What in a declaration raises a flag for the reception. */
class RiskFlagTest {

    private static List<RiskFlag> flags(String temperatureC, Set<Symptom> symptoms, boolean closeContact,
                                        boolean outbreakArea) {
        return RiskFlag.of(temperatureC == null ? null : new BigDecimal(temperatureC), symptoms, closeContact,
                outbreakArea);
    }

    @Test
    void healthyDeclarationRaisesNoFlag() {
        assertEquals(List.of(), flags("36.6", Set.of(), false, false));
    }

    @Test
    void feverStartsAtThirtySevenAndAHalf() {
        assertEquals(List.of(RiskFlag.FEVER), flags("37.5", Set.of(), false, false));
        assertEquals(List.of(), flags("37.4", Set.of(), false, false));
    }

    @Test
    void missingTemperatureIsNoFever() {
        assertEquals(List.of(), flags(null, Set.of(), false, false));
    }

    @Test
    void anySymptomRaisesSymptoms() {
        assertEquals(List.of(RiskFlag.SYMPTOMS), flags("36.6", Set.of(Symptom.COUGH), false, false));
        assertEquals(List.of(RiskFlag.SYMPTOMS), flags("36.6", Set.of(Symptom.OTHER), false, false));
    }

    @Test
    void declaredFeverSymptomIsAFeverEvenWithANormalTemperature() {
        assertEquals(List.of(RiskFlag.FEVER, RiskFlag.SYMPTOMS), flags("36.6", Set.of(Symptom.FEVER), false, false));
    }

    @Test
    void contactWithACaseAndOutbreakAreaAreFlagged() {
        assertEquals(List.of(RiskFlag.CLOSE_CONTACT), flags("36.6", Set.of(), true, false));
        assertEquals(List.of(RiskFlag.OUTBREAK_AREA), flags("36.6", Set.of(), false, true));
    }

    @Test
    void everyFlagAtOnceInAStableOrder() {
        assertEquals(List.of(RiskFlag.FEVER, RiskFlag.SYMPTOMS, RiskFlag.CLOSE_CONTACT, RiskFlag.OUTBREAK_AREA),
                flags("39.0", Set.of(Symptom.COUGH), true, true));
    }
}
