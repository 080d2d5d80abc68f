package vn.checkin.visit;

/** Symptoms a visitor can declare. */
public enum Symptom {
    FEVER, COUGH, SHORTNESS_OF_BREATH, SORE_THROAT, LOSS_OF_TASTE_OR_SMELL, FATIGUE, OTHER
}
