package vn.checkin.visit;

import vn.checkin.support.Api;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The visitors of {@link StayScenario}: persons with a phone, an ID number or both, what each arrival presents of
 * them (a spelling of the phone, the ID number), their health declarations and the request bodies that carry them.
 */
final class StayVisitors {

    /** Phones and ID numbers are drawn apart from the seed, so a replayed run never meets an earlier run's persons. */
    private static final SecureRandom IDENTITIES = new SecureRandom();

    private StayVisitors() {
    }

    /** A person: a Vietnamese mobile (nine digits after the 0, prefix 058 that no other test uses) and/or an ID. */
    record Person(String name, String national, String idNumber) {

        /** Three with a phone only, two with an ID number only, three with both. */
        static List<Person> eight() {
            String[] kinds = {"phone", "phone", "phone", "id", "id", "both", "both", "both"};
            List<Person> persons = new ArrayList<>();
            for (int i = 0; i < kinds.length; i++) {
                String national = kinds[i].equals("id") ? null : "58" + digits(7);
                String idNumber = kinds[i].equals("phone") ? null : i % 2 == 0 ? "7" + digits(8) : "99" + digits(10);
                persons.add(new Person("Nguyễn Thị Khách " + i, national, idNumber));
            }
            return persons;
        }

        String phone() {
            return national == null ? null : "+84" + national;
        }

        /** One of the spellings the README calls one identity. */
        String spelling(Random random) {
            String n = national;
            return switch (random.nextInt(5)) {
                case 0 -> "0" + n;
                case 1 -> "+84 " + n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
                case 2 -> "84" + n;
                case 3 -> "0" + n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6);
                default -> "+84" + n;
            };
        }

        boolean owns(StayModel.Stay stay) {
            return (national != null && phone().equals(stay.phone()))
                    || (idNumber != null && idNumber.equals(stay.idNumber()));
        }

        /**
         * What one arrival presents: a person with both shows both, the phone alone, or (when no phone is needed)
         * the ID number alone, so one person can hold open visits under keys that do not meet.
         */
        Keys present(Random random, boolean needsPhone) {
            if (national == null) {
                return new Keys(null, idNumber);
            }
            if (idNumber == null) {
                return new Keys(spelling(random), null);
            }
            return switch (random.nextInt(needsPhone ? 2 : 3)) {
                case 0 -> new Keys(spelling(random), idNumber);
                case 1 -> new Keys(spelling(random), null);
                default -> new Keys(null, idNumber);
            };
        }
    }

    /** What one arrival presents: a phone as typed (or none) and an ID number (or none). */
    record Keys(String spelling, String idNumber) {

        static final Keys ANONYMOUS = new Keys(null, null);

        String phone() {
            return spelling == null ? null : PhoneNumbers.normalise(spelling).orElseThrow();
        }

        @Override
        public String toString() {
            return (spelling == null ? "" : "'" + spelling + "'") + (idNumber == null ? "" : " id " + idNumber);
        }
    }

    /** A health declaration and the flags it must raise (README: Risk flags). */
    record Declared(double temperature, List<String> symptoms, boolean closeContact, boolean outbreakArea) {

        /** Mostly healthy; otherwise a temperature around 37.5 °C, some symptoms, a contact, an outbreak area. */
        static Declared random(Random random) {
            if (random.nextInt(10) < 7) {
                return new Declared(36.6, List.of(), false, false);
            }
            double temperature = List.of(36.4, 37.4, 37.5, 38.6).get(random.nextInt(4));
            List<String> symptoms = new ArrayList<>();
            for (String symptom : List.of("FEVER", "COUGH", "FATIGUE")) {
                if (random.nextInt(4) == 0) {
                    symptoms.add(symptom);
                }
            }
            return new Declared(temperature, symptoms, random.nextInt(4) == 0, random.nextInt(5) == 0);
        }

        StayModel.Flags flags() {
            return new StayModel.Flags(temperature >= 37.5 || symptoms.contains("FEVER"), !symptoms.isEmpty(),
                    closeContact, outbreakArea);
        }

        List<String> riskFlags() {
            StayModel.Flags flags = flags();
            List<String> names = new ArrayList<>();
            if (flags.fever()) {
                names.add("FEVER");
            }
            if (flags.symptoms()) {
                names.add("SYMPTOMS");
            }
            if (flags.closeContact()) {
                names.add("CLOSE_CONTACT");
            }
            if (flags.outbreakArea()) {
                names.add("OUTBREAK_AREA");
            }
            return names;
        }
    }

    /** A check-in body (without {@code qr} when it is null: a staff entry) for this arrival and declaration. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> body(String qr, Person person, Keys keys, Declared declared) {
        Map<String, Object> body = Api.checkinBody(qr, person.name(), keys.spelling());
        if (qr == null) {
            body.remove("qr");
        }
        ((Map<String, Object>) body.get("visitor")).put("idNumber", keys.idNumber());
        Map<String, Object> declaration = new LinkedHashMap<>((Map<String, Object>) body.get("declaration"));
        declaration.put("temperatureC", declared.temperature());
        declaration.put("symptoms", declared.symptoms());
        declaration.put("closeContactWithCase", declared.closeContact());
        declaration.put("visitedOutbreakArea", declared.outbreakArea());
        body.put("declaration", declaration);
        return body;
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(IDENTITIES.nextInt(10));
        }
        return digits.toString();
    }
}
