package vn.checkin.site;

import vn.checkin.common.SearchTextTrigger;

/** A site is searched by its name, code and organization (db/h2/V18). */
public class SiteSearchTextTrigger extends SearchTextTrigger {

    public SiteSearchTextTrigger() {
        super("name", "code", "organization");
    }
}
