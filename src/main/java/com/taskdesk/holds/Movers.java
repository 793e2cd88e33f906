package com.taskdesk.holds;

import com.taskdesk.js.JsText;
import java.util.ArrayList;
import java.util.List;

/**
 * The users a history's mover may name: every user with a non-empty name, of any role, active or
 * not (as in the app), ordered by "createdAt", then id. The app took the database's unspecified
 * order, so which of two matching users it named was chance [fix].
 */
final class Movers {

    record User(String id, String name) {}

    private final List<User> users;
    private final List<String> lowerCaseNames = new ArrayList<>();

    Movers(List<User> users) {
        this.users = List.copyOf(users);
        this.users.forEach(user -> lowerCaseNames.add(JsText.lowerCase(user.name())));
    }

    /**
     * The name in a movedBy: {@code "Agent"} for {@code "Agent (…)"}, else the text before the first
     * {@code (}, trimmed, or the whole text trimmed when nothing comes before it.
     */
    static String name(String movedBy) {
        if (movedBy.contains("Agent (")) {
            return "Agent";
        }
        int parenthesis = movedBy.indexOf('(');
        String before = JsText.trim(parenthesis < 0 ? movedBy : movedBy.substring(0, parenthesis));
        return before.isEmpty() ? JsText.trim(movedBy) : before;
    }

    /** The first user whose lower-cased name contains the lower-cased name or is contained in it; null if none. */
    User find(String name) {
        String wanted = JsText.lowerCase(name);
        for (int i = 0; i < users.size(); i++) {
            String candidate = lowerCaseNames.get(i);
            if (candidate.contains(wanted) || wanted.contains(candidate)) {
                return users.get(i);
            }
        }
        return null;
    }
}
