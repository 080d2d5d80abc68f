package vn.checkin.visit;

import vn.checkin.common.SearchTextTrigger;

/** A visit is searched by its visitor's name and organization (db/h2/V18; phone and ID number match as digits). */
public class VisitSearchTextTrigger extends SearchTextTrigger {

    public VisitSearchTextTrigger() {
        super("full_name", "organization");
    }
}
