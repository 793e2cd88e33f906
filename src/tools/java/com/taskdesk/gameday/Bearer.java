package com.taskdesk.gameday;

/**
 * Whose token a request carries: the claims the functions read from the verified JWT (the
 * {@code userId}, {@code role} and {@code email} the app's login puts in it).
 */
record Bearer(String userId, String role, String email) {

    /** A manager of the game day: its address is its id's, as {@link SpamDesk} stores it. */
    static Bearer manager(String userId) {
        return new Bearer(userId, "MANAGER", userId + "@taskdesk.example");
    }

    /** An agent signed in to the portal, with the address its "User" row holds. */
    static Bearer agent(String userId, String email) {
        return new Bearer(userId, "AGENT", email);
    }
}
